<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Indonesian for the Qt strings PetaDesa's dialogs show (Qt ships no qtbase_id.qm).
     Sources as in Qt 6.4's qtbase translations; maintained by hand. -->
<TS version="2.1" language="id_ID">
    <context>
        <name>QDialogButtonBox</name>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation>&amp;Tidak</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>&amp;Ya</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Bantuan</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Buka</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Simpan</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation>Batalkan</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Terapkan</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Tutup</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Atur ulang</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Coba lagi</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>Kembalikan bawaan</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Abaikan</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation>T&amp;idak untuk semua</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation>Simpan semua</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Buang</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation>Ya untuk &amp;semua</translation>
        </message>
    </context>
    <context>
        <name>QErrorMessage</name>
        <message>
            <source>&amp;OK</source>
            <translation>&amp;OK</translation>
        </message>
        <message>
            <source>Fatal Error:</source>
            <translation>Galat fatal:</translation>
        </message>
        <message>
            <source>&amp;Show this message again</source>
            <translation>&amp;Tampilkan pesan ini lagi</translation>
        </message>
        <message>
            <source>Critical Error:</source>
            <translation>Galat kritis:</translation>
        </message>
        <message>
            <source>Information:</source>
            <translation>Informasi:</translation>
        </message>
        <message>
            <source>Debug Message:</source>
            <translation>Pesan debug:</translation>
        </message>
        <message>
            <source>Warning:</source>
            <translation>Peringatan:</translation>
        </message>
    </context>
    <context>
        <name>QScrollBar</name>
        <message>
            <source>Top</source>
            <translation>Atas</translation>
        </message>
        <message>
            <source>Scroll down</source>
            <translation>Gulir ke bawah</translation>
        </message>
        <message>
            <source>Scroll here</source>
            <translation>Gulir ke sini</translation>
        </message>
        <message>
            <source>Scroll left</source>
            <translation>Gulir ke kiri</translation>
        </message>
        <message>
            <source>Bottom</source>
            <translation>Bawah</translation>
        </message>
        <message>
            <source>Page up</source>
            <translation>Halaman atas</translation>
        </message>
        <message>
            <source>Page right</source>
            <translation>Halaman kanan</translation>
        </message>
        <message>
            <source>Scroll up</source>
            <translation>Gulir ke atas</translation>
        </message>
        <message>
            <source>Scroll right</source>
            <translation>Gulir ke kanan</translation>
        </message>
        <message>
            <source>Left edge</source>
            <translation>Tepi kiri</translation>
        </message>
        <message>
            <source>Page down</source>
            <translation>Halaman bawah</translation>
        </message>
        <message>
            <source>Page left</source>
            <translation>Halaman kiri</translation>
        </message>
        <message>
            <source>Right edge</source>
            <translation>Tepi kanan</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>Back</source>
            <translation>Kembali</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Buka</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Buka</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Simpan</translation>
        </message>
        <message>
            <source>Files</source>
            <translation>Berkas</translation>
        </message>
        <message>
            <source>Show </source>
            <translation>Tampilkan </translation>
        </message>
        <message>
            <source>'%1' is write protected.
Do you want to delete it anyway?</source>
            <translation>'%1' dilindungi dari penulisan.
Tetap hapus?</translation>
        </message>
        <message>
            <source>Are you sure you want to delete '%1'?</source>
            <translation>Yakin akan menghapus '%1'?</translation>
        </message>
        <message>
            <source>List of places and bookmarks</source>
            <translation>Daftar tempat dan markah</translation>
        </message>
        <message>
            <source>File &amp;name:</source>
            <translation>&amp;Nama berkas:</translation>
        </message>
        <message>
            <source>Alt+Left</source>
            <translation>Alt+Left</translation>
        </message>
        <message>
            <source>Alt+Up</source>
            <translation>Alt+Up</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>New Folder</source>
            <translation>Folder baru</translation>
        </message>
        <message>
            <source>Parent Directory</source>
            <translation>Folder induk</translation>
        </message>
        <message>
            <source>&amp;New Folder</source>
            <translation>Folder &amp;baru</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Look in:</source>
            <translation>Lihat di:</translation>
        </message>
        <message>
            <source>Alt+Right</source>
            <translation>Alt+Right</translation>
        </message>
        <message>
            <source>Create a New Folder</source>
            <translation>Buat folder baru</translation>
        </message>
        <message>
            <source>Files of type:</source>
            <translation>Jenis berkas:</translation>
        </message>
        <message>
            <source>Find Directory</source>
            <translation>Cari folder</translation>
        </message>
        <message>
            <source>Show &amp;hidden files</source>
            <translation>Tampilkan berkas &amp;tersembunyi</translation>
        </message>
        <message>
            <source>Save As</source>
            <translation>Simpan sebagai</translation>
        </message>
        <message>
            <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
            <translation>%1
Folder tidak ditemukan.
Periksa apakah nama folder benar.</translation>
        </message>
        <message>
            <source>Sidebar</source>
            <translation>Bilah samping</translation>
        </message>
        <message>
            <source>List View</source>
            <translation>Tampilan daftar</translation>
        </message>
        <message>
            <source>&amp;Choose</source>
            <translation>&amp;Pilih</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Hapus</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>Semua berkas (*)</translation>
        </message>
        <message>
            <source>All Files (*)</source>
            <translation>Semua berkas (*)</translation>
        </message>
        <message>
            <source>Directories</source>
            <translation>Folder</translation>
        </message>
        <message>
            <source>&amp;Rename</source>
            <translation>&amp;Ganti nama</translation>
        </message>
        <message>
            <source>Could not delete directory.</source>
            <translation>Folder tidak dapat dihapus.</translation>
        </message>
        <message>
            <source>Directory:</source>
            <translation>Folder:</translation>
        </message>
        <message>
            <source>%1 already exists.
Do you want to replace it?</source>
            <translation>%1 sudah ada.
Timpa berkas itu?</translation>
        </message>
        <message>
            <source>Forward</source>
            <translation>Maju</translation>
        </message>
        <message>
            <source>Go forward</source>
            <translation>Maju</translation>
        </message>
        <message>
            <source>Go to the parent directory</source>
            <translation>Ke folder induk</translation>
        </message>
        <message>
            <source>Recent Places</source>
            <translation>Tempat terakhir</translation>
        </message>
        <message>
            <source>Go back</source>
            <translation>Kembali</translation>
        </message>
        <message>
            <source>Change to detail view mode</source>
            <translation>Ganti ke tampilan rinci</translation>
        </message>
        <message>
            <source>Create New Folder</source>
            <translation>Buat folder baru</translation>
        </message>
        <message>
            <source>Detail View</source>
            <translation>Tampilan rinci</translation>
        </message>
        <message>
            <source>%1
File not found.
Please verify the correct file name was given.</source>
            <translation>%1
Berkas tidak ditemukan.
Periksa apakah nama berkas benar.</translation>
        </message>
        <message>
            <source>Change to list view mode</source>
            <translation>Ganti ke tampilan daftar</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <source>Cu&amp;t</source>
            <translation>Po&amp;tong</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Salin</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Ulangi</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Urungkan</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Tempel</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Pilih semua</translation>
        </message>
    </context>
    <context>
        <name>QWidgetTextControl</name>
        <message>
            <source>Cu&amp;t</source>
            <translation>Po&amp;tong</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Salin</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Ulangi</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Urungkan</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Tempel</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Pilih semua</translation>
        </message>
        <message>
            <source>Copy &amp;Link Location</source>
            <translation>Salin &amp;alamat tautan</translation>
        </message>
    </context>
    <context>
        <name>QFileSystemModel</name>
        <message>
            <source>Kind</source>
            <translation>Jenis</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nama</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Ukuran</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Tipe</translation>
        </message>
        <message>
            <source>My Computer</source>
            <translation>Komputer saya</translation>
        </message>
        <message>
            <source>Computer</source>
            <translation>Komputer</translation>
        </message>
        <message>
            <source>Date Modified</source>
            <translation>Tanggal diubah</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Show Details...</source>
            <translation>Tampilkan rincian...</translation>
        </message>
        <message>
            <source>Hide Details...</source>
            <translation>Sembunyikan rincian...</translation>
        </message>
        <message>
            <source>About Qt</source>
            <translation>Tentang Qt</translation>
        </message>
    </context>
    <context>
        <name>QAbstractSpinBox</name>
        <message>
            <source>Step &amp;down</source>
            <translation>&amp;Turun</translation>
        </message>
        <message>
            <source>&amp;Step up</source>
            <translation>&amp;Naik</translation>
        </message>
        <message>
            <source>&amp;Select All</source>
            <translation>&amp;Pilih semua</translation>
        </message>
    </context>
    <context>
        <name>QInputDialog</name>
        <message>
            <source>Enter a value:</source>
            <translation>Masukkan nilai:</translation>
        </message>
    </context>
    <context>
        <name>QProgressDialog</name>
        <message>
            <source>Cancel</source>
            <translation>Batal</translation>
        </message>
    </context>
</TS>
