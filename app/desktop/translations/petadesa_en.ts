<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="id_ID">
    <context>
        <name>app::AttributeTable</name>
        <message>
            <location filename="../attribute_table.cpp" line="330" />
            <source>Cari</source>
            <translation>Search</translation>
        </message>
        <message>
            <location filename="../attribute_table.cpp" line="334" />
            <source>teks yang dicari…</source>
            <translation>text to search for…</translation>
        </message>
        <message>
            <location filename="../attribute_table.cpp" line="338" />
            <source>Perbesar ke pilihan</source>
            <translation>Zoom to selection</translation>
        </message>
        <message>
            <location filename="../attribute_table.cpp" line="443" />
            <source>semua kolom</source>
            <translation>all columns</translation>
        </message>
        <message>
            <location filename="../attribute_table.cpp" line="487" />
            <source>%1 baris</source>
            <translation>%1 rows</translation>
        </message>
    </context>
    <context>
        <name>app::AttributeTableModel</name>
        <message>
            <location filename="../attribute_table.cpp" line="271" />
            <source>ya</source>
            <translation>yes</translation>
        </message>
        <message>
            <location filename="../attribute_table.cpp" line="271" />
            <source>tidak</source>
            <translation>no</translation>
        </message>
        <message>
            <location filename="../attribute_table.cpp" line="310" />
            <source>Diubah</source>
            <translation>Changed</translation>
        </message>
        <message>
            <location filename="../attribute_table.cpp" line="313" />
            <source>Oleh</source>
            <translation>By</translation>
        </message>
    </context>
    <context>
        <name>app::CodePickerDialog</name>
        <message>
            <location filename="../vocabulary_widgets.cpp" line="177" />
            <source>Pilih kode aset</source>
            <translation>Choose asset code</translation>
        </message>
        <message>
            <location filename="../vocabulary_widgets.cpp" line="181" />
            <source>Cari nama atau kode, mis. "kantor" atau "3.01"</source>
            <translation>Search name or code, e.g. "kantor" or "3.01"</translation>
        </message>
        <message>
            <location filename="../vocabulary_widgets.cpp" line="200" />
            <source>Pilih</source>
            <translation>Select</translation>
        </message>
        <message>
            <location filename="../vocabulary_widgets.cpp" line="201" />
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message numerus="yes">
            <location filename="../vocabulary_widgets.cpp" line="208" />
            <source>%n kode</source>
            <translation>
                <numerusform>%n code</numerusform>
                <numerusform>%n codes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../vocabulary_widgets.cpp" line="242" />
            <source>%n kode cocok</source>
            <translation>
                <numerusform>%n matching code</numerusform>
                <numerusform>%n matching codes</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>app::EditSession</name>
        <message>
            <location filename="../edit_session.cpp" line="34" />
            <source>Tidak dapat membatalkan "%1": %2</source>
            <translation>Cannot undo "%1": %2</translation>
        </message>
        <message>
            <location filename="../edit_session.cpp" line="50" />
            <source>Tidak dapat mengulangi "%1": %2</source>
            <translation>Cannot redo "%1": %2</translation>
        </message>
        <message>
            <location filename="../edit_session.cpp" line="65" />
            <source>fitur sudah dihapus di jendela lain</source>
            <translation>the feature was deleted in another window</translation>
        </message>
        <message>
            <location filename="../edit_session.cpp" line="71" />
            <source>fitur sudah diubah di jendela lain sejak perubahan ini</source>
            <translation>the feature was changed in another window after this edit</translation>
        </message>
        <message>
            <location filename="../edit_session.cpp" line="92" />
            <source>Tambah %1</source>
            <translation>Add %1</translation>
        </message>
        <message>
            <location filename="../edit_session.cpp" line="142" />
            <source>Ubah bentuk %1</source>
            <translation>Reshape %1</translation>
        </message>
        <message>
            <location filename="../edit_session.cpp" line="144" />
            <source>Ubah atribut %1</source>
            <translation>Edit %1 attributes</translation>
        </message>
        <message>
            <location filename="../edit_session.cpp" line="192" />
            <source>Hapus %1</source>
            <translation>Delete %1</translation>
        </message>
        <message>
            <location filename="../edit_session.cpp" line="293" />
            <source>Fitur tidak ada lagi (mungkin dihapus di jendela lain).</source>
            <translation>The feature no longer exists (perhaps deleted in another window).</translation>
        </message>
    </context>
    <context>
        <name>app::ExportDialog</name>
        <message>
            <location filename="../export_dialog.cpp" line="29" />
            <source>Ekspor tema</source>
            <translation>Export theme</translation>
        </message>
        <message>
            <location filename="../export_dialog.cpp" line="38" />
            <source>Tema</source>
            <translation>Theme</translation>
        </message>
        <message>
            <location filename="../export_dialog.cpp" line="41" />
            <source>mis. aset.gpkg, aset.geojson, aset.shp, aset.kml, aset.csv</source>
            <translation>e.g. assets.gpkg, assets.geojson, assets.shp, assets.kml, assets.csv</translation>
        </message>
        <message>
            <location filename="../export_dialog.cpp" line="43" />
            <source>Pilih…</source>
            <translation>Choose…</translation>
        </message>
        <message>
            <location filename="../export_dialog.cpp" line="46" />
            <source>Berkas tujuan</source>
            <translation>Output file</translation>
        </message>
        <message>
            <location filename="../export_dialog.cpp" line="47" />
            <source>Timpa bila berkas sudah ada</source>
            <translation>Overwrite an existing file</translation>
        </message>
        <message>
            <location filename="../export_dialog.cpp" line="54" />
            <source>Ekspor</source>
            <translation>Export</translation>
        </message>
        <message>
            <location filename="../export_dialog.cpp" line="55" />
            <source>Tutup</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../export_dialog.cpp" line="65" />
            <source>Selesai: %1 fitur ditulis ke %2.</source>
            <translation>Done: %1 features written to %2.</translation>
        </message>
        <message>
            <location filename="../export_dialog.cpp" line="71" />
            <source>Ekspor gagal: %1</source>
            <translation>Export failed: %1</translation>
        </message>
        <message>
            <location filename="../export_dialog.cpp" line="82" />
            <source>Ekspor ke</source>
            <translation>Export to</translation>
        </message>
        <message>
            <location filename="../export_dialog.cpp" line="84" />
            <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;Shapefile (*.shp);;KML (*.kml);;CSV (*.csv)</source>
            <translation>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;Shapefile (*.shp);;KML (*.kml);;CSV (*.csv)</translation>
        </message>
        <message>
            <location filename="../export_dialog.cpp" line="109" />
            <source>Mengekspor…</source>
            <translation>Exporting…</translation>
        </message>
    </context>
    <context>
        <name>app::FeatureForm</name>
        <message>
            <location filename="../feature_form.cpp" line="110" />
            <source>Fitur baru — %1</source>
            <translation>New feature — %1</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="111" />
            <source>Formulir — %1</source>
            <translation>Form — %1</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="147" />
            <source>Wajib diisi</source>
            <translation>Required</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="165" />
            <source>Simpan</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="167" />
            <location filename="../feature_form.cpp" line="610" />
            <source>Hapus fitur</source>
            <translation>Delete feature</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="169" />
            <source>Tutup</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="191" />
            <source>Telusuri…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="192" />
            <source>Telusuri kode aset menurut golongan, bidang dan kelompok</source>
            <translation>Browse the asset codes by class, field and group</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="201" />
            <source>Ya</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="210" />
            <source>(kosong)</source>
            <translation>(empty)</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="221" />
            <source>bilangan bulat</source>
            <translation>whole number</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="223" />
            <source>angka</source>
            <translation>number</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="228" />
            <source>berkas foto (jpg, png)</source>
            <translation>photo file (jpg, png)</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="234" />
            <source>Pilih foto…</source>
            <translation>Choose photo…</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="260" />
            <source>Pilih foto</source>
            <translation>Choose photo</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="262" />
            <source>Gambar (*.jpg *.jpeg *.png *.webp *.heic);;Semua berkas (*)</source>
            <translation>Images (*.jpg *.jpeg *.png *.webp *.heic);;All files (*)</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="298" />
            <source>"%1" tidak ada di daftar; pilih salah satu isian daftar.</source>
            <translation>"%1" is not in the list; choose one of the list entries.</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="322" />
            <source>Harus bilangan bulat, mis. 2019.</source>
            <translation>Must be a whole number, e.g. 2019.</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="328" />
            <source>Harus angka, mis. 1500000 atau 2,5.</source>
            <translation>Must be a number, e.g. 1500000 or 2.5.</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="433" />
            <source>Fitur ini tidak ada lagi (sudah dihapus).</source>
            <translation>This feature no longer exists (it was deleted).</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="451" />
            <source>Isi atributnya lalu tekan Simpan. Kolom bertanda * wajib diisi.</source>
            <translation>Fill in its attributes and press Save. Fields marked * are required.</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="464" />
            <source>Dibuat %1, diubah %2 oleh %3</source>
            <translation>Created %1, changed %2 by %3</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="469" />
            <source>Letak: %1, %2 (lintang, bujur)</source>
            <translation>Location: %1, %2 (latitude, longitude)</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="477" />
            <source>Atribut lain dari sumber: %1</source>
            <translation>Other attributes from the source: %1</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="503" />
            <source>Wajib diisi.</source>
            <translation>Required.</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="517" />
            <source>Periksa isian yang bertanda merah.</source>
            <translation>Check the fields marked in red.</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="542" />
            <source>Tidak ada perubahan.</source>
            <translation>No changes.</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="555" />
            <source>Fitur sudah dihapus</source>
            <translation>Feature was deleted</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="556" />
            <source>Fitur ini dihapus di jendela lain; perubahan tidak disimpan.</source>
            <translation>This feature was deleted in another window; the changes were not saved.</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="569" />
            <source>%1: di berkas sekarang "%2", di formulir "%3"</source>
            <translation>%1: now "%2" in the file, "%3" in the form</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="582" />
            <source>Konflik penyuntingan</source>
            <translation>Edit conflict</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="585" />
            <source>Tekan Simpan sekali lagi untuk menimpa dengan isian formulir, atau Tutup untuk membatalkan.</source>
            <translation>Press Save again to overwrite with the form's values, or Close to cancel.</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="587" />
            <source>Konflik: fitur diubah di jendela lain.</source>
            <translation>Conflict: the feature was changed in another window.</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="592" />
            <source>Digabung dengan perubahan dari jendela lain.</source>
            <translation>Merged with the changes from another window.</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="599" />
            <source>Gagal menyimpan</source>
            <translation>Save failed</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="610" />
            <source>Hapus fitur ini? Dapat dibatalkan (Urungkan).</source>
            <translation>Delete this feature? It can be undone (Undo).</translation>
        </message>
        <message>
            <location filename="../feature_form.cpp" line="618" />
            <source>Gagal menghapus</source>
            <translation>Delete failed</translation>
        </message>
    </context>
    <context>
        <name>app::HistoryPanel</name>
        <message>
            <location filename="../history_panel.cpp" line="17" />
            <location filename="../history_panel.cpp" line="48" />
            <source>Pilih fitur (Identifikasi) untuk melihat riwayatnya.</source>
            <translation>Pick a feature (Identify) to see its history.</translation>
        </message>
        <message>
            <location filename="../history_panel.cpp" line="22" />
            <source>Waktu</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../history_panel.cpp" line="22" />
            <source>Pengguna</source>
            <translation>User</translation>
        </message>
        <message>
            <location filename="../history_panel.cpp" line="22" />
            <source>Aksi</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../history_panel.cpp" line="22" />
            <source>Nilai lama</source>
            <translation>Old values</translation>
        </message>
        <message>
            <location filename="../history_panel.cpp" line="22" />
            <source>Nilai baru</source>
            <translation>New values</translation>
        </message>
        <message>
            <location filename="../history_panel.cpp" line="52" />
            <source>Riwayat %1 %2</source>
            <translation>History of %1 %2</translation>
        </message>
        <message>
            <location filename="../history_panel.cpp" line="67" />
            <source>tambah</source>
            <translation>added</translation>
        </message>
        <message>
            <location filename="../history_panel.cpp" line="69" />
            <source>ubah</source>
            <translation>changed</translation>
        </message>
        <message>
            <location filename="../history_panel.cpp" line="71" />
            <source>hapus</source>
            <translation>deleted</translation>
        </message>
    </context>
    <context>
        <name>app::ImportDialog</name>
        <message>
            <location filename="../import_dialog.cpp" line="35" />
            <location filename="../import_dialog.cpp" line="358" />
            <source>Impor data</source>
            <translation>Import data</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="43" />
            <source>Shapefile, GeoJSON, GeoPackage, KML/KMZ, GPX, CSV (ODK/Kobo), …</source>
            <translation>Shapefile, GeoJSON, GeoPackage, KML/KMZ, GPX, CSV (ODK/Kobo), …</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="45" />
            <source>Pilih berkas…</source>
            <translation>Choose file…</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="48" />
            <source>Berkas</source>
            <translation>File</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="53" />
            <source>Masuk ke tema</source>
            <translation>Into theme</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="57" />
            <source>Lapisan di berkas</source>
            <translation>Layers in the file</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="61" />
            <source>Pemetaan kolom</source>
            <translation>Field mapping</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="65" />
            <source>Kolom tema</source>
            <translation>Theme column</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="65" />
            <source>Diambil dari kolom sumber</source>
            <translation>Taken from source field</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="65" />
            <source>Isi tetap bila kosong</source>
            <translation>Fixed value when empty</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="76" />
            <source>Tolak fitur dengan nilai di luar daftar</source>
            <translation>Reject features with values not in the lists</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="77" />
            <source>Simpan kolom sumber lain (atribut_lain)</source>
            <translation>Keep other source fields (atribut_lain)</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="80" />
            <source>CRS dari berkas</source>
            <translation>CRS from the file</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="81" />
            <source>Isi mis. EPSG:32750 bila berkas tidak menyebut CRS-nya</source>
            <translation>Enter e.g. EPSG:32750 when the file does not state its CRS</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="86" />
            <source>CRS sumber</source>
            <translation>Source CRS</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="100" />
            <source>Tindakan</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="100" />
            <source>Lapisan</source>
            <translation>Layer</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="100" />
            <source>Fitur</source>
            <translation>Feature</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="100" />
            <source>Alasan</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="109" />
            <source>Impor</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="110" />
            <source>Batalkan impor</source>
            <translation>Cancel import</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="111" />
            <source>Tutup</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="143" />
            <source>Membaca fitur %1…</source>
            <translation>Reading feature %1…</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="163" />
            <source>Pilih berkas untuk diimpor</source>
            <translation>Choose a file to import</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="165" />
            <source>Data vektor (*.shp *.geojson *.json *.gpkg *.kml *.kmz *.gpx *.csv *.sqlite *.osm *.dxf *.zip);;Semua berkas (*)</source>
            <translation>Vector data (*.shp *.geojson *.json *.gpkg *.kml *.kmz *.gpx *.csv *.sqlite *.osm *.dxf *.zip);;All files (*)</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="188" />
            <source>Berkas tidak dapat dibaca</source>
            <translation>The file cannot be read</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="198" />
            <source>%1 fitur</source>
            <translation>%1 features</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="272" />
            <source>(tidak diambil)</source>
            <translation>(not taken)</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="358" />
            <source>Pilih berkas dulu.</source>
            <translation>Choose a file first.</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="369" />
            <source>Mengimpor…</source>
            <translation>Importing…</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="396" />
            <source>Membatalkan…</source>
            <translation>Canceling…</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="426" />
            <source>Impor dibatalkan; proyek tidak berubah.</source>
            <translation>Import canceled; the project is unchanged.</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="429" />
            <source>Impor gagal; proyek tidak berubah.</source>
            <translation>Import failed; the project is unchanged.</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="431" />
            <source>Impor gagal</source>
            <translation>Import failed</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="443" />
            <source>Dibaca %1, dimasukkan %2, ditolak %3, diperbaiki %4.</source>
            <translation>Read %1, imported %2, rejected %3, repaired %4.</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="449" />
            <source>Berkas tanpa CRS dibaca sebagai bujur/lintang (EPSG:4326).</source>
            <translation>The file has no CRS and was read as longitude/latitude (EPSG:4326).</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="452" />
            <source>Laporan: %1</source>
            <translation>Report: %1</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="474" />
            <source>ditolak</source>
            <translation>rejected</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="476" />
            <source>diperbaiki</source>
            <translation>repaired</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="477" />
            <source>peringatan</source>
            <translation>warning</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="485" />
            <source>nilai tak dikenal</source>
            <translation>unknown value</translation>
        </message>
        <message>
            <location filename="../import_dialog.cpp" line="488" />
            <source>Kolom %1: "%2" (%3 fitur) tidak ada di daftar; disimpan apa adanya.</source>
            <translation>Column %1: "%2" (%3 features) is not in the list; kept as it is.</translation>
        </message>
    </context>
    <context>
        <name>app::LayerPanel</name>
        <message>
            <location filename="../layer_panel.cpp" line="163" />
            <source>Naikkan lapisan (digambar lebih atas)</source>
            <translation>Move layer up (drawn on top)</translation>
        </message>
        <message>
            <location filename="../layer_panel.cpp" line="166" />
            <source>Turunkan lapisan</source>
            <translation>Move layer down</translation>
        </message>
        <message>
            <location filename="../layer_panel.cpp" line="170" />
            <source>Opasitas</source>
            <translation>Opacity</translation>
        </message>
        <message>
            <location filename="../layer_panel.cpp" line="175" />
            <source>Opasitas lapisan terpilih</source>
            <translation>Opacity of the selected layer</translation>
        </message>
        <message>
            <location filename="../layer_panel.cpp" line="237" />
            <source>lainnya</source>
            <translation>other</translation>
        </message>
        <message>
            <location filename="../layer_panel.cpp" line="429" />
            <source>Perbesar ke lapisan</source>
            <translation>Zoom to layer</translation>
        </message>
        <message>
            <location filename="../layer_panel.cpp" line="431" />
            <source>Buka tabel atribut</source>
            <translation>Open attribute table</translation>
        </message>
        <message>
            <source>Tambah latar raster (GeoTIFF, DEM, MBTiles)…</source>
            <translation>Add a raster background (GeoTIFF, DEM, MBTiles)…</translation>
        </message>
        <message>
            <source>Tambah latar raster…</source>
            <translation>Add raster background…</translation>
        </message>
        <message>
            <source>citra</source>
            <translation>image</translation>
        </message>
        <message>
            <source>bayangan bukit</source>
            <translation>hillshade</translation>
        </message>
        <message>
            <source>Latar raster, %1: %2</source>
            <translation>Raster background, %1: %2</translation>
        </message>
        <message>
            <source>tidak tersedia</source>
            <translation>unavailable</translation>
        </message>
        <message>
            <source>Cari berkas…</source>
            <translation>Locate file…</translation>
        </message>
        <message>
            <source>Naikkan</source>
            <translation>Move up</translation>
        </message>
        <message>
            <source>Turunkan</source>
            <translation>Move down</translation>
        </message>
        <message>
            <source>Hapus latar raster</source>
            <translation>Remove raster background</translation>
        </message>
    </context>
    <context>
        <name>app::MainWindow</name>
        <message>
            <source>Tambah latar &amp;raster…</source>
            <translation>Add &amp;raster background…</translation>
        </message>
        <message>
            <source>Latar raster</source>
            <translation>Raster background</translation>
        </message>
        <message>
            <source>Raster (*.tif *.tiff *.jp2 *.vrt *.mbtiles *.img);;Semua berkas (*)</source>
            <translation>Raster (*.tif *.tiff *.jp2 *.vrt *.mbtiles *.img);;All files (*)</translation>
        </message>
        <message>
            <source>Apakah berkas ini DEM (ketinggian)? Ya: digambar sebagai bayangan bukit (hillshade). Tidak: digambar sebagai citra.</source>
            <translation>Is this file a DEM (elevation)? Yes: drawn as hillshade. No: drawn as an image.</translation>
        </message>
        <message>
            <source>Hapus semua latar raster</source>
            <translation>Remove all raster backgrounds</translation>
        </message>
        <message>
            <source>berkas tidak ditemukan</source>
            <translation>file not found</translation>
        </message>
        <message>
            <source>Cari berkas %1</source>
            <translation>Locate %1</translation>
        </message>
        <message>
            <source>Daftar latar raster tidak dapat disimpan di proyek: %1</source>
            <translation>The raster background list cannot be saved in the project: %1</translation>
        </message>
        <message>
            <source>Latar raster tidak tersedia</source>
            <translation>Raster backgrounds unavailable</translation>
        </message>
        <message>
            <source>Latar raster ini tidak dapat dibuka; lapisannya tetap di panel Lapisan, ditandai tidak tersedia (klik kanan: Cari berkas… atau Hapus latar raster):
%1</source>
            <translation>These raster backgrounds cannot be opened; their entries stay in the Layers panel, marked unavailable (right click: Locate file… or Remove raster background):
%1</translation>
        </message>
        <message>
            <source>Pilih lapisan tema (bukan latar raster) di panel Lapisan.</source>
            <translation>Choose a theme layer (not a raster background) in the Layers panel.</translation>
        </message>
        <message>
            <source>tanpa sistem koordinat</source>
            <translation>no coordinate system</translation>
        </message>
        <message>
            <source>%1 tidak dapat dibaca: %2</source>
            <translation>%1 cannot be read: %2</translation>
        </message>
        <message>
            <source>Latar raster ditambahkan: %1</source>
            <translation>Raster background added: %1</translation>
        </message>
        <message>
            <source>&amp;Jalur evakuasi</source>
            <translation>&amp;Evacuation routes</translation>
        </message>
        <message>
            <source>Jalur dari permukiman ke tempat evakuasi menurut rencana evakuasi terakhir (Analisis → Rencana evakuasi)</source>
            <translation>Routes from the settlements to the evacuation sites of the last evacuation plan (Analysis → Evacuation plan)</translation>
        </message>
        <message>
            <source>&amp;Kunci ke simpul</source>
            <translation>&amp;Snap to vertices</translation>
        </message>
        <message>
            <source>Titik baru dan simpul yang diseret menempel ke simpul fitur terdekat (10 piksel) di lapisan yang tampak</source>
            <translation>New points and dragged vertices snap to the nearest feature vertex (10 pixels) in the visible layers</translation>
        </message>
        <message>
            <source>Analisis</source>
            <translation>Analyses</translation>
        </message>
        <message>
            <source>&amp;Cetak peta…</source>
            <translation>&amp;Print map…</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="95" />
            <source>Menggambar…</source>
            <translation>Drawing…</translation>
        </message>
        <message numerus="yes">
            <location filename="../main_window.cpp" line="101" />
            <source>%n lapisan gagal digambar</source>
            <translation>
                <numerusform>%n layer failed to draw</numerusform>
                <numerusform>%n layers failed to draw</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="149" />
            <source>Tidak ada fitur %1 di sini; pilih lapisannya di panel Lapisan.</source>
            <translation>No %1 feature here; choose its layer in the Layers panel.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="179" />
            <source>Tidak ada fitur di titik ini.</source>
            <translation>No feature at this point.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="207" />
            <source>Proyek &amp;baru…</source>
            <translation>&amp;New project…</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="211" />
            <source>&amp;Buka proyek…</source>
            <translation>&amp;Open project…</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="215" />
            <source>Buka &amp;contoh</source>
            <translation>Open &amp;sample</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="219" />
            <source>&amp;Simpan sebagai…</source>
            <translation>Save &amp;as…</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="223" />
            <source>&amp;Jendela baru</source>
            <translation>New &amp;window</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="227" />
            <source>&amp;Impor data…</source>
            <translation>&amp;Import data…</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="231" />
            <source>&amp;Ekspor…</source>
            <translation>&amp;Export…</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="235" />
            <source>&amp;Keluar</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="240" />
            <location filename="../main_window.cpp" line="695" />
            <source>&amp;Urungkan</source>
            <translation>&amp;Undo</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="241" />
            <location filename="../main_window.cpp" line="699" />
            <source>U&amp;langi</source>
            <translation>&amp;Redo</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="254" />
            <source>Hapus fitur &amp;terpilih</source>
            <translation>&amp;Delete selected features</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="258" />
            <source>Kosongkan pilihan</source>
            <translation>Clear selection</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="266" />
            <source>Perbesar</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="270" />
            <source>Perkecil</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="274" />
            <source>Seluruh peta</source>
            <translation>Full extent</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="279" />
            <source>Muat ulang</source>
            <translation>Reload</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="283" />
            <source>Mode &amp;Presentasi</source>
            <translation>&amp;Presentation mode</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="288" />
            <source>Layar penuh, satu desa demi satu desa (panah, PgUp/PgDn, Spasi; Esc keluar)</source>
            <translation>Full screen, one village after another (arrows, PgUp/PgDn, Space; Esc leaves)</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="293" />
            <source>Geser</source>
            <translation>Pan</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="294" />
            <source>Perbesar kotak</source>
            <translation>Zoom box</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="295" />
            <location filename="../main_window.cpp" line="932" />
            <source>Identifikasi</source>
            <translation>Identify</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="296" />
            <location filename="../main_window.cpp" line="1012" />
            <source>Pilih</source>
            <translation>Select</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="297" />
            <source>Ukur jarak</source>
            <translation>Measure distance</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="298" />
            <source>Ukur luas</source>
            <translation>Measure area</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="299" />
            <source>Tambah titik</source>
            <translation>Add point</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="300" />
            <source>Tambah garis</source>
            <translation>Add line</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="301" />
            <source>Tambah area</source>
            <translation>Add area</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="302" />
            <source>Pindahkan fitur</source>
            <translation>Move feature</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="303" />
            <source>Ubah simpul</source>
            <translation>Edit vertices</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="304" />
            <location filename="../main_window.cpp" line="1120" />
            <location filename="../main_window.cpp" line="1127" />
            <location filename="../main_window.cpp" line="1151" />
            <location filename="../main_window.cpp" line="1162" />
            <source>Hapus fitur</source>
            <translation>Delete feature</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="316" />
            <source>Geser peta dengan menyeret (juga tombol tengah mouse)</source>
            <translation>Drag to pan the map (also the middle mouse button)</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="317" />
            <source>Seret kotak untuk memperbesar (juga Shift+seret)</source>
            <translation>Drag a box to zoom in (also Shift+drag)</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="318" />
            <source>Klik fitur untuk membuka formulirnya</source>
            <translation>Click a feature to open its form</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="319" />
            <source>Klik atau seret kotak untuk memilih fitur lapisan aktif</source>
            <translation>Click or drag a box to select features of the active layer</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="321" />
            <source>Klik titik-titik; klik ganda untuk selesai. Jarak datar dalam UTM proyek (meter)</source>
            <translation>Click points; double-click to finish. Planar distance in the project's UTM zone (metres)</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="323" />
            <source>Klik titik-titik batas; klik ganda untuk selesai. Luas dalam UTM proyek (hektare)</source>
            <translation>Click the boundary points; double-click to finish. Area in the project's UTM zone (hectares)</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="324" />
            <source>Klik di peta untuk menambah titik ke lapisan aktif</source>
            <translation>Click the map to add a point to the active layer</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="325" />
            <source>Klik simpul-simpul garis; klik ganda untuk selesai</source>
            <translation>Click the line's vertices; double-click to finish</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="327" />
            <source>Klik simpul-simpul batas area; klik ganda untuk selesai</source>
            <translation>Click the area's boundary vertices; double-click to finish</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="328" />
            <source>Seret fitur lapisan aktif ke tempat baru</source>
            <translation>Drag a feature of the active layer to a new place</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="329" />
            <source>Seret simpul garis atau area lapisan aktif; klik ganda di tepi menambah simpul, Backspace menghapus simpul di bawah tetikus</source>
            <translation>Drag a vertex of a line or area of the active layer; double-click an edge to add a vertex, Backspace removes the vertex under the mouse</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="330" />
            <source>Klik fitur lapisan aktif untuk menghapusnya</source>
            <translation>Click a feature of the active layer to delete it</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="334" />
            <source>Ikuti bahasa sistem</source>
            <translation>Follow the system language</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="341" />
            <location filename="../main_window.cpp" line="1391" />
            <source>Tentang PetaDesa</source>
            <translation>About PetaDesa</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="346" />
            <source>&amp;Berkas</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="356" />
            <source>&amp;Sunting</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="366" />
            <source>&amp;Tampilan</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="378" />
            <source>&amp;Alat</source>
            <translation>&amp;Tools</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="385" />
            <source>&amp;Pengaturan</source>
            <translation>&amp;Settings</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="386" />
            <source>Bahasa</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="390" />
            <source>Ban&amp;tuan</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="393" />
            <source>Utama</source>
            <translation>Main</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="406" />
            <source>Penyuntingan</source>
            <translation>Editing</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="417" />
            <source>Lapisan</source>
            <translation>Layers</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="423" />
            <source>Tabel atribut</source>
            <translation>Attribute table</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="429" />
            <source>Riwayat</source>
            <translation>History</translation>
        </message>
        <message numerus="yes">
            <location filename="../main_window.cpp" line="488" />
            <location filename="../main_window.cpp" line="1010" />
            <source>%n fitur terpilih</source>
            <translation>
                <numerusform>%n feature selected</numerusform>
                <numerusform>%n features selected</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="518" />
            <source>Formulir</source>
            <translation>Form</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="533" />
            <source>Skala peta; ketik mis. 1:5000</source>
            <translation>Map scale; type e.g. 1:5000</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="542" />
            <source>Skala</source>
            <translation>Scale</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="576" />
            <location filename="../main_window.cpp" line="583" />
            <source>Mode Presentasi</source>
            <translation>Presentation mode</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="577" />
            <source>Presentasi tidak dapat dibuka: %1</source>
            <translation>The presentation cannot be opened: %1</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="584" />
            <source>Proyek ini belum berisi wilayah desa atau kelurahan (tema wilayah).</source>
            <translation>This project has no desa or kelurahan areas yet (theme wilayah).</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="681" />
            <location filename="../main_window.cpp" line="760" />
            <source>Proyek tidak dapat dibuka</source>
            <translation>The project cannot be opened</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="696" />
            <source>&amp;Urungkan %1</source>
            <translation>&amp;Undo %1</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="699" />
            <source>U&amp;langi %1</source>
            <translation>&amp;Redo %1</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="707" />
            <source>Urungkan/ulangi</source>
            <translation>Undo/redo</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="724" />
            <source>zona</source>
            <translation>zone</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="788" />
            <source>(data ilustrasi)</source>
            <translation>(illustrative data)</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="821" />
            <source>Lapisan aktif: %1</source>
            <translation>Active layer: %1</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="871" />
            <source>%1, %2 (lintang, bujur)</source>
            <translation>%1, %2 (latitude, longitude)</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="952" />
            <source>Tersimpan.</source>
            <translation>Saved.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1025" />
            <source>Koordinat di luar jangkauan proyeksi.</source>
            <translation>Coordinates outside the projection's range.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1071" />
            <source>Fitur baru tersimpan.</source>
            <translation>New feature saved.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1078" />
            <source>Tambah fitur</source>
            <translation>Add feature</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1092" />
            <source>Bentuk fitur tersimpan.</source>
            <translation>Feature shape saved.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1095" />
            <source>Ubah bentuk</source>
            <translation>Change shape</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1115" />
            <source>Tidak ada fitur lapisan aktif di titik ini.</source>
            <translation>No feature of the active layer at this point.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1120" />
            <source>Hapus fitur ini? Dapat dibatalkan (Urungkan).</source>
            <translation>Delete this feature? It can be undone (Undo).</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1124" />
            <source>Fitur dihapus.</source>
            <translation>Feature deleted.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1139" />
            <source>Tidak ada fitur terpilih di lapisan aktif.</source>
            <translation>No selected features in the active layer.</translation>
        </message>
        <message numerus="yes">
            <location filename="../main_window.cpp" line="1152" />
            <source>Hapus %n fitur terpilih? Dapat dibatalkan (Urungkan).</source>
            <translation>
                <numerusform>Delete %n selected feature? It can be undone (Undo).</numerusform>
                <numerusform>Delete %n selected features? It can be undone (Undo).</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1218" />
            <location filename="../main_window.cpp" line="1226" />
            <source>Proyek baru</source>
            <translation>New project</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1220" />
            <location filename="../main_window.cpp" line="1300" />
            <source>Proyek PetaDesa (*.sqlite)</source>
            <translation>PetaDesa project (*.sqlite)</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1227" />
            <source>Nama proyek (mis. Desa Wolomarang):</source>
            <translation>Project name (e.g. Desa Wolomarang):</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1241" />
            <source>Proyek tidak dapat dibuat</source>
            <translation>The project cannot be created</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1253" />
            <source>Buka proyek</source>
            <translation>Open project</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1253" />
            <source>Proyek PetaDesa (*.sqlite);;Semua berkas (*)</source>
            <translation>PetaDesa project (*.sqlite);;All files (*)</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1265" />
            <location filename="../main_window.cpp" line="1283" />
            <source>Contoh belum ada</source>
            <translation>The sample is missing</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1266" />
            <source>Berkas contoh %1 belum dibuat. Jalankan "make sample" di folder sumber PetaDesa.</source>
            <translation>The sample file %1 has not been built yet. Run "make sample" in the PetaDesa source folder.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1284" />
            <source>Berkas contoh tidak dapat disalin ke %1.</source>
            <translation>The sample file cannot be copied to %1.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1298" />
            <source>Simpan proyek sebagai</source>
            <translation>Save project as</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1313" />
            <source>Proyek sudah tersimpan di berkas itu.</source>
            <translation>The project is already saved in that file.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1324" />
            <source>Berkas %1 tidak dapat ditimpa.</source>
            <translation>The file %1 cannot be overwritten.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1328" />
            <source>Berkas %1 tidak dapat ditulis.</source>
            <translation>The file %1 cannot be written.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1336" />
            <source>Gagal menyimpan salinan</source>
            <translation>Saving the copy failed</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1343" />
            <source>Proyek disimpan sebagai %1</source>
            <translation>Project saved as %1</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1392" />
            <source>PetaDesa %1 — peta aset desa, pusat kemasyarakatan, BUM Desa, potensi ekonomi dan kawasan rawan bencana dalam satu berkas SpatiaLite.</source>
            <translation>PetaDesa %1 — maps of village assets, community centers, BUM Desa units, economic potential and hazard zones in one SpatiaLite file.</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="282" />
            <source>Peta tematik…</source>
            <translation>Thematic map…</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="1376" />
            <source>Peta tematik</source>
            <translation>Thematic map</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="311" />
            <source>Seret simpul garis atau area lapisan aktif</source>
            <translation>Drag a vertex of a line or area of the active layer</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="256" />
            <source>Periksa &amp;mutu data</source>
            <translation>Check data &amp;quality</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="431" />
            <source>Kualitas data</source>
            <translation>Data quality</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="379" />
            <source>&amp;Grafik potensi dan aset</source>
            <translation>&amp;Charts of potential and assets</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="384" />
            <source>Grafik batang per desa dan kategori: potensi ekonomi (jumlah, luas, nilai) dan aset</source>
            <translation>Bar charts per village and category: economic potential (count, area, value) and assets</translation>
        </message>
        <message>
            <location filename="../main_window.cpp" line="567" />
            <source>Grafik</source>
            <translation>Charts</translation>
        </message>
    </context>
    <context>
        <name>app::MeasureTool</name>
        <message>
            <location filename="../map_tools.cpp" line="299" />
            <source>Jarak: %1 m</source>
            <translation>Distance: %1 m</translation>
        </message>
        <message>
            <location filename="../map_tools.cpp" line="306" />
            <source>Luas: %1 ha (%2 m²)</source>
            <translation>Area: %1 ha (%2 m²)</translation>
        </message>
    </context>
    <context>
        <name>app::Messages</name>
        <message>
            <location filename="../messages.cpp" line="34" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../messages.cpp" line="48" />
            <source>&amp;Ya</source>
            <translation>&amp;Yes</translation>
        </message>
        <message>
            <location filename="../messages.cpp" line="49" />
            <source>&amp;Tidak</source>
            <translation>&amp;No</translation>
        </message>
    </context>
    <context>
        <name>app::PresentationView</name>
        <message>
            <location filename="../presentation.cpp" line="61" />
            <source>Mode Presentasi — PetaDesa</source>
            <translation>Presentation mode — PetaDesa</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="201" />
            <source>… dan lainnya</source>
            <translation>… and more</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="211" />
            <source>lainnya</source>
            <translation>other</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="351" />
            <source>Tidak ada desa/kelurahan di proyek ini</source>
            <translation>No desa/kelurahan in this project</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="354" />
            <source>Kelurahan %1</source>
            <translation>Kelurahan %1</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="354" />
            <source>Desa %1</source>
            <translation>Desa %1</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="365" />
            <source>Kecamatan %1</source>
            <translation>Kecamatan %1</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="368" />
            <source>Kode %1</source>
            <translation>Code %1</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="486" />
            <source>Legenda</source>
            <translation>Legend</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="540" />
            <source>→ PgDn Spasi: berikutnya   ← PgUp: sebelumnya   %1 B: zona bahaya   %2 E: evakuasi   %3 P: potensi   M: menu   Esc: keluar</source>
            <translation>→ PgDn Space: next   ← PgUp: previous   %1 B: hazard zones   %2 E: evacuation   %3 P: potential   M: menu   Esc: leave</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="596" />
            <source>Zona bahaya (B)</source>
            <translation>Hazard zones (B)</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="597" />
            <source>Titik evakuasi (E)</source>
            <translation>Evacuation sites (E)</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="598" />
            <source>Potensi ekonomi (P)</source>
            <translation>Economic potential (P)</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="610" />
            <source>Urut menurut nama</source>
            <translation>Order by name</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="610" />
            <source>Urut menurut kode</source>
            <translation>Order by code</translation>
        </message>
        <message>
            <location filename="../presentation.cpp" line="618" />
            <source>Keluar dari presentasi (Esc)</source>
            <translation>Leave the presentation (Esc)</translation>
        </message>
    </context>
    <context>
        <name>app::ThematicDialog</name>
        <message>
            <location filename="../thematic_dialog.cpp" line="22" />
            <source>Peta tematik</source>
            <translation>Thematic map</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="24" />
            <source>Koroplet: nilai angka per desa</source>
            <translation>Choropleth: a numeric value per village</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="25" />
            <source>Kepadatan kernel (permukaan raster)</source>
            <translation>Kernel density (raster surface)</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="26" />
            <source>Diagram lingkaran per desa menurut kategori</source>
            <translation>Pie charts per village by category</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="27" />
            <source>Simbol proporsional per desa</source>
            <translation>Proportional symbols per village</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="42" />
            <source>Kuantil (jumlah desa sama per kelas)</source>
            <translation>Quantile (same number of villages per class)</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="44" />
            <source>Interval sama</source>
            <translation>Equal interval</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="45" />
            <source>Jeda alami (Jenks)</source>
            <translation>Natural breaks (Jenks)</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="57" />
            <source>Tabel</source>
            <translation>Table</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="58" />
            <source>Kolom nilai</source>
            <translation>Value column</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="59" />
            <source>Metode kelas</source>
            <translation>Class method</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="60" />
            <source>Jumlah kelas</source>
            <translation>Number of classes</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="61" />
            <source>Warna</source>
            <translation>Colours</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="78" />
            <source>Tema</source>
            <translation>Theme</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="79" />
            <source>Bobot</source>
            <translation>Weight</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="80" />
            <source>Lebar pita</source>
            <translation>Bandwidth</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="87" />
            <source>otomatis</source>
            <translation>automatic</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="89" />
            <source>mis. jiwa, Rp, ha</source>
            <translation>e.g. jiwa, Rp, ha</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="91" />
            <source>Jenis peta</source>
            <translation>Map type</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="93" />
            <source>Judul legenda</source>
            <translation>Legend title</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="94" />
            <source>Satuan</source>
            <translation>Unit</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="97" />
            <source>Tampilkan</source>
            <translation>Show</translation>
        </message>
        <message>
            <location filename="../thematic_dialog.cpp" line="134" />
            <source>jumlah fitur</source>
            <translation>feature count</translation>
        </message>
    </context>
    <context>
        <name>app::ThematicPanel</name>
        <message>
            <location filename="../thematic_panel.cpp" line="36" />
            <source>Peta tematik</source>
            <translation>Thematic maps</translation>
        </message>
        <message>
            <location filename="../thematic_panel.cpp" line="132" />
            <source>Galat: %1</source>
            <translation>Error: %1</translation>
        </message>
        <message>
            <location filename="../thematic_panel.cpp" line="152" />
            <source>Ubah…</source>
            <translation>Edit…</translation>
        </message>
        <message>
            <location filename="../thematic_panel.cpp" line="153" />
            <source>Hapus peta tematik</source>
            <translation>Remove thematic map</translation>
        </message>
    </context>
    <context>
        <name>app::VocabularyCombo</name>
        <message>
            <location filename="../vocabulary_widgets.cpp" line="132" />
            <source>ketik untuk mencari…</source>
            <translation>type to search…</translation>
        </message>
    </context>
    <context>
        <name>app::VocabularyModels</name>
        <message>
            <location filename="../vocabulary_widgets.cpp" line="77" />
            <source>Kode</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../vocabulary_widgets.cpp" line="78" />
            <source>Nama</source>
            <translation>Name</translation>
        </message>
    </context>
    <context>
        <name>app::WelcomePage</name>
        <message>
            <location filename="../welcome_page.cpp" line="24" />
            <source>Peta aset, potensi, BUM Desa dan rawan bencana desa — dalam satu berkas proyek.</source>
            <translation>Maps of village assets, potential, BUM Desa units and hazards — in one project file.</translation>
        </message>
        <message>
            <location filename="../welcome_page.cpp" line="30" />
            <source>Buka contoh (Kecamatan Alok, Sikka)</source>
            <translation>Open the sample (Kecamatan Alok, Sikka)</translation>
        </message>
        <message>
            <location filename="../welcome_page.cpp" line="32" />
            <source>Buka proyek…</source>
            <translation>Open project…</translation>
        </message>
        <message>
            <location filename="../welcome_page.cpp" line="33" />
            <source>Proyek baru…</source>
            <translation>New project…</translation>
        </message>
        <message>
            <location filename="../welcome_page.cpp" line="38" />
            <source>Proyek terakhir</source>
            <translation>Recent projects</translation>
        </message>
    </context>
    <context>
        <name>app::LayoutDialog</name>
        <message>
            <source>Cetak peta</source>
            <translation>Print map</translation>
        </message>
        <message>
            <source>Templat</source>
            <translation>Template</translation>
        </message>
        <message>
            <source>Bawaan templat</source>
            <translation>Template default</translation>
        </message>
        <message>
            <source>Kertas</source>
            <translation>Paper</translation>
        </message>
        <message>
            <source>Mendatar (landscape)</source>
            <translation>Landscape</translation>
        </message>
        <message>
            <source>Tegak (portrait)</source>
            <translation>Portrait</translation>
        </message>
        <message>
            <source>Orientasi</source>
            <translation>Orientation</translation>
        </message>
        <message>
            <source>Seluruh wilayah</source>
            <translation>Whole area</translation>
        </message>
        <message>
            <source>Atlas: sampul + satu halaman per desa</source>
            <translation>Atlas: cover + one page per village</translation>
        </message>
        <message>
            <source>Halaman</source>
            <translation>Pages</translation>
        </message>
        <message>
            <source>Judul templat</source>
            <translation>The template's title</translation>
        </message>
        <message>
            <source>Judul</source>
            <translation>Title</translation>
        </message>
        <message>
            <source>mis. Pendamping Desa Kec. Alok</source>
            <translation>e.g. Village facilitator, Kec. Alok</translation>
        </message>
        <message>
            <source>Penyusun</source>
            <translation>Producer</translation>
        </message>
        <message>
            <source>peta.pdf, peta.png atau peta.svg</source>
            <translation>map.pdf, map.png or map.svg</translation>
        </message>
        <message>
            <source>Pilih…</source>
            <translation>Choose…</translation>
        </message>
        <message>
            <source>Berkas</source>
            <translation>File</translation>
        </message>
        <message>
            <source>Ekspor</source>
            <translation>Export</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Tutup</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Pratinjau sedang digambar…</source>
            <translation>Drawing the preview…</translation>
        </message>
        <message>
            <source>Ekspor gagal: %1</source>
            <translation>Export failed: %1</translation>
        </message>
        <message>
            <source>Ekspor dibatalkan; tidak ada berkas yang ditulis.</source>
            <translation>Export canceled; no file was written.</translation>
        </message>
        <message>
            <source>Selesai: %1 halaman ditulis ke %2 (%3 detik).</source>
            <translation>Done: %1 pages written to %2 (%3 s).</translation>
        </message>
        <message>
            <source>Simpan peta</source>
            <translation>Save map</translation>
        </message>
        <message>
            <source>PDF (*.pdf);;PNG (*.png);;SVG (*.svg)</source>
            <translation>PDF (*.pdf);;PNG (*.png);;SVG (*.svg)</translation>
        </message>
        <message>
            <source>Mencetak…</source>
            <translation>Printing…</translation>
        </message>
    </context>
    <context>
        <name>QObject</name>
        <message>
            <source>Jenis bahaya</source>
            <translation>Hazard type</translation>
        </message>
        <message>
            <source>Tingkat</source>
            <translation>Level</translation>
        </message>
        <message>
            <source>Zona</source>
            <translation>Zones</translation>
        </message>
        <message>
            <source>Aset</source>
            <translation>Assets</translation>
        </message>
        <message>
            <source>Nilai aset (Rp)</source>
            <translation>Asset value (Rp)</translation>
        </message>
        <message>
            <source>Penduduk</source>
            <translation>Population</translation>
        </message>
        <message>
            <source>Pusat kemasyarakatan</source>
            <translation>Community centres</translation>
        </message>
        <message>
            <source>Unit BUM Desa</source>
            <translation>BUM Desa units</translation>
        </message>
        <message>
            <source>Potensi</source>
            <translation>Potential</translation>
        </message>
        <message>
            <source>Jalan (km)</source>
            <translation>Roads (km)</translation>
        </message>
        <message>
            <source>%1 dari %2 zona bahaya dipakai; %3 fitur terpapar. Hasil lengkap di tabel hasil_paparan_* proyek.</source>
            <translation>%1 of %2 hazard zones used; %3 features exposed. Full results in the project's hasil_paparan_* tables.</translation>
        </message>
        <message>
            <source>Desa/kelurahan</source>
            <translation>Village (desa/kelurahan)</translation>
        </message>
        <message>
            <source>Luas (ha)</source>
            <translation>Area (ha)</translation>
        </message>
        <message>
            <source>Zona aman (ha)</source>
            <translation>Safe area (ha)</translation>
        </message>
        <message>
            <source>Bagian</source>
            <translation>Parts</translation>
        </message>
        <message>
            <source>%1 bagian zona aman, dijauhkan dari %2 zona bahaya. Poligon di tabel hasil_zona_aman.</source>
            <translation>%1 safe-area parts, kept away from %2 hazard zones. Polygons in the hasil_zona_aman table.</translation>
        </message>
        <message>
            <source>Tempat evakuasi</source>
            <translation>Evacuation site</translation>
        </message>
        <message>
            <source>Jenis</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Kapasitas</source>
            <translation>Capacity</translation>
        </message>
        <message>
            <source>Ditampung</source>
            <translation>Assigned</translation>
        </message>
        <message>
            <source>Kelebihan</source>
            <translation>Overload</translation>
        </message>
        <message>
            <source>tidak tercatat</source>
            <translation>not recorded</translation>
        </message>
        <message>
            <source>%1 jiwa: %2 tertampung, %3 tanpa tempat, %4 tidak terjangkau. Rute di tabel hasil_evakuasi_rute.</source>
            <translation>%1 people: %2 assigned, %3 without room, %4 unreachable. Routes in the hasil_evakuasi_rute table.</translation>
        </message>
        <message>
            <source>Catatan</source>
            <translation>Records</translation>
        </message>
        <message>
            <source>Ringan</source>
            <translation>Minor</translation>
        </message>
        <message>
            <source>Sedang</source>
            <translation>Moderate</translation>
        </message>
        <message>
            <source>Berat</source>
            <translation>Severe</translation>
        </message>
        <message>
            <source>Terdampak</source>
            <translation>Affected</translation>
        </message>
        <message>
            <source>Mengungsi</source>
            <translation>Displaced</translation>
        </message>
        <message>
            <source>di luar desa</source>
            <translation>outside every village</translation>
        </message>
        <message>
            <source>%1 catatan kerusakan; %2 jiwa terdampak, %3 mengungsi.</source>
            <translation>%1 damage records; %2 people affected, %3 displaced.</translation>
        </message>
    </context>
    <context>
        <name>app::AnalysisPanel</name>
        <message>
            <source>Paparan bahaya</source>
            <translation>Hazard exposure</translation>
        </message>
        <message>
            <source>Zona aman</source>
            <translation>Safe areas</translation>
        </message>
        <message>
            <source>Rencana evakuasi</source>
            <translation>Evacuation plan</translation>
        </message>
        <message>
            <source>Rekap kerusakan</source>
            <translation>Damage summary</translation>
        </message>
        <message>
            <source>Aset, penduduk, sarana, potensi dan jalan per jenis dan tingkat bahaya.</source>
            <translation>Assets, people, facilities, potential and roads per hazard type and level.</translation>
        </message>
        <message>
            <source>Jauhi zona mulai tingkat</source>
            <translation>Keep away from zones from level</translation>
        </message>
        <message>
            <source>Jarak dari zona</source>
            <translation>Distance from zones</translation>
        </message>
        <message>
            <source>Kecepatan jalan kaki</source>
            <translation>Walking speed</translation>
        </message>
        <message>
            <source>tidak ada</source>
            <translation>none</translation>
        </message>
        <message>
            <source>Hindari zona mulai tingkat</source>
            <translation>Avoid zones from level</translation>
        </message>
        <message>
            <source>semua kejadian</source>
            <translation>every event</translation>
        </message>
        <message>
            <source>Kejadian</source>
            <translation>Event</translation>
        </message>
        <message>
            <source>Jalankan</source>
            <translation>Run</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Menganalisis…</source>
            <translation>Analysing…</translation>
        </message>
        <message>
            <source>Analisis dibatalkan; hasil sebelumnya tetap di proyek.</source>
            <translation>Analysis canceled; the previous results stay in the project.</translation>
        </message>
        <message>
            <source>Analisis gagal: %1</source>
            <translation>Analysis failed: %1</translation>
        </message>
    </context>
    <context>
        <name>app::QualityPanel</name>
        <message>
            <location filename="../quality_panel.cpp" line="31" />
            <source>Periksa</source>
            <translation>Check</translation>
        </message>
        <message>
            <location filename="../quality_panel.cpp" line="35" />
            <source>Periksa geometri, letak, duplikat, kolom wajib, kosakata dan kode di semua tema</source>
            <translation>Check geometries, positions, duplicates, required columns, vocabularies and codes in every theme</translation>
        </message>
        <message>
            <location filename="../quality_panel.cpp" line="37" />
            <source>Tekan Periksa untuk memeriksa mutu data proyek.</source>
            <translation>Press Check to check the quality of the project's data.</translation>
        </message>
        <message>
            <location filename="../quality_panel.cpp" line="42" />
            <source>Tema</source>
            <translation>Theme</translation>
        </message>
        <message>
            <location filename="../quality_panel.cpp" line="42" />
            <source>Fitur</source>
            <translation>Feature</translation>
        </message>
        <message>
            <location filename="../quality_panel.cpp" line="42" />
            <source>Alasan</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../quality_panel.cpp" line="42" />
            <source>Saran</source>
            <translation>Suggestion</translation>
        </message>
        <message>
            <location filename="../quality_panel.cpp" line="49" />
            <source>Klik dua kali untuk menuju fitur di peta</source>
            <translation>Double-click to go to the feature on the map</translation>
        </message>
        <message>
            <location filename="../quality_panel.cpp" line="99" />
            <source>Memeriksa…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <location filename="../quality_panel.cpp" line="129" />
            <source>Pemeriksaan gagal: %1</source>
            <translation>The check failed: %1</translation>
        </message>
        <message>
            <location filename="../quality_panel.cpp" line="171" />
            <source>Tidak ada masalah ditemukan.</source>
            <translation>No problems found.</translation>
        </message>
        <message>
            <location filename="../quality_panel.cpp" line="173" />
            <source>%1 galat, %2 peringatan; %3 dapat diperbaiki otomatis (petadesa-cli validate --fix).</source>
            <translation>%1 errors, %2 warnings; %3 can be fixed automatically (petadesa-cli validate --fix).</translation>
        </message>
        <message>
            <location filename="../quality_panel.cpp" line="179" />
            <source>%1 butir lain hanya dihitung (paling banyak %2 per tema dan jenis).</source>
            <translation>%1 more items only counted (at most %2 per theme and kind).</translation>
        </message>
    </context>
    <context>
        <name>app::ChartPanel</name>
        <message>
            <location filename="../chart_panel.cpp" line="162" />
            <source>Bertumpuk</source>
            <translation>Stacked</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="163" />
            <source>Hitung ulang</source>
            <translation>Recompute</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="164" />
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="164" />
            <source>Ekspor…</source>
            <translation>Export…</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="167" />
            <source>Potensi: jumlah fitur</source>
            <translation>Potential: feature count</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="168" />
            <source>Potensi: luas (ha)</source>
            <translation>Potential: area (ha)</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="169" />
            <source>Potensi: nilai (Rp)</source>
            <translation>Potential: value (Rp)</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="170" />
            <source>Aset: jumlah</source>
            <translation>Assets: count</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="171" />
            <source>Aset: nilai (Rp)</source>
            <translation>Assets: value (Rp)</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="173" />
            <source>Menurut nama</source>
            <translation>By name</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="174" />
            <source>Terbesar dulu</source>
            <translation>Largest first</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="176" />
            <source>Kategori bertumpuk dalam satu batang per desa, atau berdampingan</source>
            <translation>Categories stacked in one bar per village, or side by side</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="177" />
            <source>Hitung ulang dengan analisis potensi (tidak menulis ke proyek)</source>
            <translation>Recompute with the potential analysis (writes nothing to the project)</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="178" />
            <source>Simpan grafik sebagai PNG atau SVG</source>
            <translation>Save the chart as PNG or SVG</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="189" />
            <source>Grafik</source>
            <translation>Chart</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="191" />
            <source>Wilayah</source>
            <translation>Area</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="251" />
            <source>Grafik dihitung saat panel dibuka.</source>
            <translation>The chart is computed when the panel opens.</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="292" />
            <source>Menghitung potensi dan aset per desa…</source>
            <translation>Computing potential and assets per village…</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="326" />
            <source>Membatalkan…</source>
            <translation>Canceling…</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="345" />
            <source>Dibatalkan; grafik sebelumnya tetap ditampilkan.</source>
            <translation>Canceled; the previous chart stays shown.</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="346" />
            <source>Dibatalkan.</source>
            <translation>Canceled.</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="347" />
            <source>Perhitungan gagal: %1</source>
            <translation>Computation failed: %1</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="366" />
            <source>Semua desa/kelurahan</source>
            <translation>All villages</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="437" />
            <source>tanpa kategori</source>
            <translation>no category</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="462" />
            <source>fitur</source>
            <translation>features</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="468" />
            <source>aset</source>
            <translation>assets</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="474" />
            <source>Aset desa</source>
            <translation>Village assets</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="474" />
            <source>Potensi ekonomi</source>
            <translation>Economic potential</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="476" />
            <source>luas (ha)</source>
            <translation>area (ha)</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="477" />
            <source>nilai (Rp)</source>
            <translation>value (Rp)</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="478" />
            <source>jumlah</source>
            <translation>count</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="501" />
            <source>%1 %2 %3: %4 menurut kategori</source>
            <translation>%1 of %2 %3: %4 by category</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="558" />
            <source>Lainnya</source>
            <translation>Others</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="593" />
            <source>%1 per desa/kelurahan: %2 menurut kategori</source>
            <translation>%1 per village: %2 by category</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="599" />
            <source>%1 desa/kelurahan, %2 fitur potensi, %3 aset.</source>
            <translation>%1 villages, %2 potential features, %3 assets.</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="604" />
            <source>Di luar semua desa (tidak tergambar): %1 fitur potensi, %2 aset.</source>
            <translation>Outside every village (not charted): %1 potential features, %2 assets.</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="621" />
            <source>Belum ada grafik untuk diekspor.</source>
            <translation>There is no chart to export yet.</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="650" />
            <source>PNG tidak dapat ditulis.</source>
            <translation>The PNG cannot be written.</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="663" />
            <source>Ekspor grafik</source>
            <translation>Export chart</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="665" />
            <source>Gambar PNG (*.png);;Gambar vektor SVG (*.svg)</source>
            <translation>PNG image (*.png);;SVG vector image (*.svg)</translation>
        </message>
        <message>
            <location filename="../chart_panel.cpp" line="671" />
            <source>Ekspor grafik gagal</source>
            <translation>Chart export failed</translation>
        </message>
    </context>
    <context>
        <name>app::ChartView</name>
        <message>
            <location filename="../chart_panel.cpp" line="118" />
            <source>Belum ada grafik.</source>
            <translation>No chart yet.</translation>
        </message>
    </context>
</TS>