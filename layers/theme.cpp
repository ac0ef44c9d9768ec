#include "layers/theme.h"

#include "layers/i18n.h"

namespace layers {

std::string Column::label() const
{
    return tr(labelId.c_str(), labelEn.c_str());
}

std::string Theme::label() const
{
    return tr(labelId.c_str(), labelEn.c_str());
}

std::string Theme::spatialiteGeometryType() const
{
    switch (family) {
    case geo::GeometryFamily::Point:
        return "POINT";
    case geo::GeometryFamily::Line:
        return "MULTILINESTRING";
    case geo::GeometryFamily::Polygon:
        return "MULTIPOLYGON";
    case geo::GeometryFamily::Any:
        break;
    }
    return "GEOMETRY";
}

const Column* Theme::column(std::string_view columnName) const
{
    for (const auto& c : columns) {
        if (c.name == columnName) {
            return &c;
        }
    }
    return nullptr;
}

const std::vector<std::string>& bookkeepingColumns()
{
    static const std::vector<std::string> columns = {
        "fid", "uuid", "created_at", "updated_at", "author"};
    return columns;
}

namespace {

using T = ColumnType;
using F = geo::GeometryFamily;

Column col(std::string name,
           ColumnType type,
           std::string vocabulary,
           bool required,
           std::vector<std::string> synonyms,
           std::string labelId,
           std::string labelEn)
{
    return Column{std::move(name),
                  type,
                  std::move(vocabulary),
                  required,
                  std::move(synonyms),
                  std::move(labelId),
                  std::move(labelEn)};
}

Column kodeDesa()
{
    return col("kode_desa",
               T::Text,
               "",
               false,
               {"kode_wilayah", "village_code", "kode_kel", "kode_desa_kel", "kdepum", "desa_kode"},
               "Kode desa",
               "Village code");
}

std::vector<Theme> makeThemes()
{
    std::vector<Theme> list;
    list.push_back(
        {"wilayah",
         F::Polygon,
         "Wilayah administrasi",
         "Administrative areas",
         {col("tingkat",
              T::Text,
              "tingkat_wilayah",
              true,
              {"level", "jenis", "admin_level", "tipe"},
              "Tingkat",
              "Level"),
          col("kode",
              T::Text,
              "",
              false,
              {"kode_kemendagri", "kode_wilayah", "kode_desa", "code", "kdepum", "id_desa"},
              "Kode Kemendagri",
              "Kemendagri code"),
          col("nama",
              T::Text,
              "",
              true,
              {"name", "nama_desa", "nama_wilayah", "desa", "kelurahan", "village", "namobj"},
              "Nama",
              "Name"),
          col("kode_induk",
              T::Text,
              "",
              false,
              {"parent", "parent_code", "kode_kec", "kode_kecamatan", "induk"},
              "Kode induk",
              "Parent code"),
          col("jumlah_penduduk",
              T::Integer,
              "",
              false,
              {"penduduk", "population", "pop", "jiwa", "jml_penduduk"},
              "Jumlah penduduk",
              "Population"),
          col("jumlah_kk",
              T::Integer,
              "",
              false,
              {"kk", "households", "jml_kk", "keluarga"},
              "Jumlah KK",
              "Households")}});
    list.push_back(
        {"aset_desa",
         F::Any,
         "Aset desa",
         "Village assets",
         {col("kode_aset",
              T::Text,
              "kode_aset",
              false,
              {"kode_barang", "kode", "asset_code", "code", "kd_barang"},
              "Kode aset",
              "Asset code"),
          col("kategori",
              T::Text,
              "",
              false,
              {"category", "jenis", "jenis_aset", "type"},
              "Kategori",
              "Category"),
          col("nama", T::Text, "", false, {"name", "nama_barang", "nama_aset"}, "Nama", "Name"),
          col("kondisi",
              T::Text,
              "kondisi_aset",
              false,
              {"condition", "keadaan"},
              "Kondisi",
              "Condition"),
          col("tahun_perolehan",
              T::Integer,
              "",
              false,
              {"tahun", "year", "tahun_pengadaan", "tahun_beli"},
              "Tahun perolehan",
              "Year acquired"),
          col("nilai_rp",
              T::Real,
              "",
              false,
              {"nilai", "harga", "value", "price", "harga_rp"},
              "Nilai (Rp)",
              "Value (Rp)"),
          col("sumber_dana",
              T::Text,
              "asal_aset",
              false,
              {"asal", "funding", "sumber", "asal_usul"},
              "Sumber dana / asal",
              "Funding source"),
          col("register",
              T::Text,
              "",
              false,
              {"no_register", "nomor_register"},
              "Register",
              "Register number"),
          kodeDesa(),
          col("keterangan",
              T::Text,
              "",
              false,
              {"catatan", "notes", "description", "ket"},
              "Keterangan",
              "Notes")}});
    list.push_back(
        {"pusat_kemasyarakatan",
         F::Any,
         "Pusat kemasyarakatan",
         "Community centers",
         {col("jenis",
              T::Text,
              "jenis_pusat",
              true,
              {"type", "amenity", "kategori", "category"},
              "Jenis",
              "Type"),
          col("nama", T::Text, "", false, {"name"}, "Nama", "Name"),
          col("kapasitas",
              T::Integer,
              "",
              false,
              {"capacity", "daya_tampung"},
              "Kapasitas (orang)",
              "Capacity (persons)"),
          col("fasilitas", T::Text, "", false, {"facilities", "sarana"}, "Fasilitas", "Facilities"),
          kodeDesa()}});
    list.push_back(
        {"bumdes_unit",
         F::Point,
         "Unit usaha BUM Desa",
         "BUM Desa units",
         {col("nama_bumdes",
              T::Text,
              "",
              false,
              {"bumdes", "nama_bum_desa"},
              "Nama BUM Desa",
              "BUM Desa name"),
          col("nama_unit", T::Text, "", false, {"unit", "nama", "name"}, "Nama unit", "Unit name"),
          col("jenis_usaha",
              T::Text,
              "jenis_usaha_bumdes",
              false,
              {"jenis_unit", "jenis", "type", "unit_type"},
              "Jenis usaha",
              "Business type"),
          col("sektor",
              T::Text,
              "kategori_potensi",
              false,
              {"sector", "bidang"},
              "Sektor",
              "Sector"),
          col("status", T::Text, "status_bumdes", false, {"status_unit"}, "Status", "Status"),
          col("status_badan_hukum",
              T::Text,
              "status_badan_hukum",
              false,
              {"badan_hukum", "legal_status"},
              "Status badan hukum",
              "Legal status"),
          col("modal_rp", T::Real, "", false, {"modal", "capital"}, "Modal (Rp)", "Capital (Rp)"),
          col("omzet_rp",
              T::Real,
              "",
              false,
              {"omzet", "turnover", "omset"},
              "Omzet (Rp)",
              "Turnover (Rp)"),
          col("tenaga_kerja",
              T::Integer,
              "",
              false,
              {"pekerja", "workers", "karyawan"},
              "Tenaga kerja",
              "Workers"),
          col("tahun_berdiri",
              T::Integer,
              "",
              false,
              {"tahun", "year", "founded"},
              "Tahun berdiri",
              "Year founded"),
          col("bumdes_bersama",
              T::Boolean,
              "",
              false,
              {"bersama", "joint"},
              "BUM Desa bersama",
              "Joint BUM Desa"),
          kodeDesa()}});
    list.push_back(
        {"potensi_ekonomi",
         F::Any,
         "Potensi ekonomi",
         "Economic potential",
         {col("kategori",
              T::Text,
              "kategori_potensi",
              true,
              {"category", "jenis", "sektor"},
              "Kategori",
              "Category"),
          col("komoditas", T::Text, "", false, {"commodity", "produk"}, "Komoditas", "Commodity"),
          col("nama", T::Text, "", false, {"name"}, "Nama", "Name"),
          col("luas_ha", T::Real, "", false, {"luas", "area_ha", "area"}, "Luas (ha)", "Area (ha)"),
          col("produksi", T::Real, "", false, {"production", "hasil"}, "Produksi", "Production"),
          col("satuan_produksi",
              T::Text,
              "",
              false,
              {"satuan", "unit"},
              "Satuan produksi",
              "Production unit"),
          col("nilai_rp", T::Real, "", false, {"nilai", "value"}, "Nilai (Rp)", "Value (Rp)"),
          kodeDesa()}});
    list.push_back(
        {"zona_bahaya",
         F::Polygon,
         "Zona bahaya",
         "Hazard zones",
         {col("jenis_bahaya",
              T::Text,
              "jenis_bahaya",
              true,
              {"hazard", "hazard_type", "jenis", "bencana"},
              "Jenis bahaya",
              "Hazard type"),
          col("tingkat",
              T::Text,
              "tingkat_bahaya",
              true,
              {"kelas", "level", "hazard_level", "krb", "category", "kelas_bahaya", "class"},
              "Tingkat",
              "Level"),
          col("kelas_asli", T::Text, "", false, {"original_class"}, "Kelas asli", "Original class"),
          col("sumber", T::Text, "", false, {"source", "sumber_data"}, "Sumber", "Source"),
          col("tahun", T::Integer, "", false, {"year"}, "Tahun", "Year"),
          col("tanggal", T::Date, "", false, {"date", "tgl"}, "Tanggal", "Date")}});
    list.push_back(
        {"titik_evakuasi",
         F::Any,
         "Tempat evakuasi",
         "Evacuation sites",
         {col("jenis",
              T::Text,
              "jenis_evakuasi",
              true,
              {"type", "kind", "kategori"},
              "Jenis",
              "Kind"),
          col("nama", T::Text, "", false, {"name"}, "Nama", "Name"),
          col("kapasitas",
              T::Integer,
              "",
              false,
              {"capacity", "daya_tampung"},
              "Kapasitas (orang)",
              "Capacity (persons)"),
          col("luas_m2", T::Real, "", false, {"luas", "area_m2", "area"}, "Luas (m²)", "Area (m²)"),
          col("fasilitas", T::Text, "", false, {"facilities", "sarana"}, "Fasilitas", "Facilities"),
          kodeDesa()}});
    list.push_back(
        {"jalan",
         F::Line,
         "Jalan",
         "Roads",
         {col("kelas",
              T::Text,
              "kelas_jalan",
              false,
              {"highway", "type", "class", "fclass", "kelas_jalan", "jenis", "remark"},
              "Kelas",
              "Class"),
          col("nama", T::Text, "", false, {"name", "nama_jalan", "namrjl"}, "Nama", "Name"),
          col("permukaan", T::Text, "permukaan_jalan", false, {"surface"}, "Permukaan", "Surface"),
          col("jalan_kaki",
              T::Boolean,
              "",
              false,
              {"foot", "pejalan_kaki"},
              "Bisa jalan kaki",
              "Usable on foot"),
          col("motor",
              T::Boolean,
              "",
              false,
              {"motorcycle", "sepeda_motor"},
              "Bisa motor",
              "Usable by motorbike"),
          col("mobil", T::Boolean, "", false, {"car", "motorcar"}, "Bisa mobil", "Usable by car"),
          col("satu_arah", T::Boolean, "", false, {"oneway", "one_way"}, "Satu arah", "One-way")}});
    list.push_back({"permukiman",
                    F::Any,
                    "Permukiman",
                    "Settlements",
                    {col("nama", T::Text, "", false, {"name"}, "Nama", "Name"),
                     col("dusun",
                         T::Text,
                         "",
                         false,
                         {"banjar", "dukuh", "lingkungan"},
                         "Dusun",
                         "Sub-village"),
                     col("jumlah_penduduk",
                         T::Integer,
                         "",
                         false,
                         {"penduduk", "population", "pop", "jiwa", "jml_penduduk", "occupants"},
                         "Jumlah penduduk",
                         "Population"),
                     col("jumlah_kk",
                         T::Integer,
                         "",
                         false,
                         {"kk", "households", "jml_kk"},
                         "Jumlah KK",
                         "Households"),
                     kodeDesa()}});
    list.push_back(
        {"kerusakan",
         F::Point,
         "Kerusakan",
         "Damage records",
         {col("kejadian",
              T::Text,
              "",
              true,
              {"event", "bencana", "nama_kejadian"},
              "Kejadian",
              "Event"),
          col("tanggal",
              T::Date,
              "",
              false,
              {"date", "tgl", "tanggal_kejadian"},
              "Tanggal",
              "Date"),
          col("tingkat_kerusakan",
              T::Text,
              "tingkat_kerusakan",
              true,
              {"kerusakan", "damage", "damage_level", "tingkat", "level"},
              "Tingkat kerusakan",
              "Damage level"),
          col("aset_uuid",
              T::Text,
              "",
              false,
              {"asset_uuid", "uuid_aset"},
              "Aset (UUID)",
              "Asset (UUID)"),
          col("jumlah_terdampak",
              T::Integer,
              "",
              false,
              {"terdampak", "affected"},
              "Jumlah terdampak",
              "People affected"),
          col("jumlah_mengungsi",
              T::Integer,
              "",
              false,
              {"mengungsi", "displaced", "pengungsi"},
              "Jumlah mengungsi",
              "People displaced"),
          col("foto", T::Text, "", false, {"photo", "photos", "gambar"}, "Foto", "Photos"),
          col("keterangan", T::Text, "", false, {"catatan", "notes", "ket"}, "Keterangan", "Notes"),
          kodeDesa()}});
    return list;
}

} // namespace

const std::vector<Theme>& themes()
{
    static const std::vector<Theme> list = makeThemes();
    return list;
}

const Theme* findTheme(std::string_view name)
{
    for (const auto& theme : themes()) {
        if (theme.name == name) {
            return &theme;
        }
    }
    return nullptr;
}

std::string themeNames()
{
    std::string names;
    for (const auto& theme : themes()) {
        if (!names.empty()) {
            names += ", ";
        }
        names += theme.name;
    }
    return names;
}

} // namespace layers
