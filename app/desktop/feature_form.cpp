#include "app/desktop/feature_form.h"

#include "app/desktop/edit_session.h"
#include "app/desktop/geometry.h"
#include "app/desktop/messages.h"
#include "app/desktop/vocabulary_widgets.h"
#include "geo/spatial_database.h"
#include "layers/theme.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace app {

namespace {
const QDate noDate(1900, 1, 1);

bool isPhotoColumn(const layers::Column& column)
{
    return column.name == "foto";
}

QString formatReal(double value)
{
    const QLocale locale;
    if (std::abs(value - std::round(value)) < 1e-9 && std::abs(value) < 1e15) {
        return locale.toString(static_cast<qlonglong>(std::llround(value)));
    }
    return locale.toString(value, 'g', 15);
}

std::optional<double> parseReal(const QString& text)
{
    bool ok = false;
    double value = QLocale().toDouble(text, &ok);
    if (!ok) {
        value = QLocale::c().toDouble(text, &ok);
    }
    if (!ok) {
        // "1,5" typed on an English desktop or "1.5" on an Indonesian one.
        QString swapped = text;
        swapped.replace(',', '.');
        value = QLocale::c().toDouble(swapped, &ok);
    }
    return ok && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

std::optional<std::int64_t> parseInteger(const QString& text)
{
    bool ok = false;
    qlonglong value = QLocale().toLongLong(text, &ok);
    if (!ok) {
        value = QLocale::c().toLongLong(text, &ok);
    }
    return ok ? std::optional<std::int64_t>(value) : std::nullopt;
}

QString valueText(const geo::Value& value)
{
    return QString::fromStdString(geo::toText(value));
}
} // namespace

FeatureForm::FeatureForm(EditSession& session,
                         VocabularyModels& vocabularies,
                         const std::string& theme,
                         const std::string& uuid,
                         QWidget* parent)
    : QDialog(parent), m_session(session), m_vocabularies(vocabularies), m_theme(theme),
      m_uuid(uuid)
{
    build();
    reload();
}

FeatureForm::FeatureForm(EditSession& session,
                         VocabularyModels& vocabularies,
                         const std::string& theme,
                         std::vector<unsigned char> wkb,
                         QWidget* parent)
    : QDialog(parent), m_session(session), m_vocabularies(vocabularies), m_theme(theme),
      m_newWkb(std::move(wkb))
{
    build();
    reload();
}

void FeatureForm::build()
{
    m_themeSchema = layers::findTheme(m_theme);
    setAttribute(Qt::WA_DeleteOnClose);
    const QString themeLabel =
        QString::fromStdString(m_themeSchema ? m_themeSchema->label() : m_theme);
    setWindowTitle(isNew() ? tr("Fitur baru — %1").arg(themeLabel)
                           : tr("Formulir — %1").arg(themeLabel));

    auto* layout = new QVBoxLayout(this);
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_header);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* page = new QWidget(scroll);
    auto* form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    if (m_themeSchema) {
        m_fields.reserve(m_themeSchema->columns.size());
        for (const auto& column : m_themeSchema->columns) {
            Field field;
            field.column = &column;
            auto* cell = new QWidget(page);
            auto* cellLayout = new QVBoxLayout(cell);
            cellLayout->setContentsMargins(0, 0, 0, 0);
            cellLayout->setSpacing(2);
            m_fields.push_back(field);
            cellLayout->addWidget(makeEditor(m_fields.back()));
            m_fields.back().problem = new QLabel(cell);
            m_fields.back().problem->setStyleSheet("color: #b00020;");
            m_fields.back().problem->setWordWrap(true);
            m_fields.back().problem->hide();
            cellLayout->addWidget(m_fields.back().problem);
            QString label = QString::fromStdString(column.label());
            if (column.required) {
                label += " *";
            }
            auto* labelWidget = new QLabel(label, page);
            if (column.required) {
                labelWidget->setToolTip(tr("Wajib diisi"));
                QFont bold = labelWidget->font();
                bold.setBold(true);
                labelWidget->setFont(bold);
            }
            form->addRow(labelWidget, cell);
        }
    }
    scroll->setWidget(page);
    layout->addWidget(scroll, 1);
    // As tall as the fields need (a short theme gives a short form), at most 680 pixels.
    resize(540, std::clamp(page->sizeHint().height() + 190, 320, 680));

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto* buttons = new QDialogButtonBox(this);
    auto* saveButton = buttons->addButton(tr("Simpan"), QDialogButtonBox::AcceptRole);
    saveButton->setDefault(true);
    m_deleteButton = buttons->addButton(tr("Hapus fitur"), QDialogButtonBox::DestructiveRole);
    m_deleteButton->setVisible(!isNew());
    buttons->addButton(tr("Tutup"), QDialogButtonBox::RejectRole);
    layout->addWidget(buttons);
    connect(saveButton, &QPushButton::clicked, this, [this] { save(); });
    connect(m_deleteButton, &QPushButton::clicked, this, &FeatureForm::deleteFeature);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QWidget* FeatureForm::makeEditor(Field& field)
{
    const layers::Column& column = *field.column;
    const QString name = QString::fromStdString(column.name);
    if (!column.vocabulary.empty() && m_vocabularies.vocabularies().hasDomain(column.vocabulary)) {
        field.combo = new VocabularyCombo(m_vocabularies, column.vocabulary, this);
        field.combo->setObjectName(name);
        if (column.vocabulary != "kode_aset") {
            return field.combo;
        }
        auto* row = new QWidget(this);
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->addWidget(field.combo, 1);
        auto* browse = new QToolButton(row);
        browse->setText(tr("Telusuri…"));
        browse->setToolTip(tr("Telusuri kode aset menurut golongan, bidang dan kelompok"));
        rowLayout->addWidget(browse);
        const std::size_t index = static_cast<std::size_t>(&field - m_fields.data());
        connect(
            browse, &QToolButton::clicked, this, [this, index] { chooseCode(m_fields[index]); });
        return row;
    }
    switch (column.type) {
    case layers::ColumnType::Boolean:
        field.check = new QCheckBox(tr("Ya"), this);
        field.check->setObjectName(name);
        return field.check;
    case layers::ColumnType::Date:
        field.date = new QDateEdit(this);
        field.date->setObjectName(name);
        field.date->setCalendarPopup(true);
        field.date->setDisplayFormat("yyyy-MM-dd");
        field.date->setMinimumDate(noDate);
        field.date->setSpecialValueText(tr("(kosong)"));
        field.date->setDate(noDate);
        return field.date;
    case layers::ColumnType::Integer:
    case layers::ColumnType::Real:
    case layers::ColumnType::Text:
        break;
    }
    field.line = new QLineEdit(this);
    field.line->setObjectName(name);
    if (column.type == layers::ColumnType::Integer) {
        field.line->setPlaceholderText(tr("bilangan bulat"));
    } else if (column.type == layers::ColumnType::Real) {
        field.line->setPlaceholderText(tr("angka"));
    }
    if (!isPhotoColumn(column)) {
        return field.line;
    }
    field.line->setPlaceholderText(tr("berkas foto (jpg, png)"));
    auto* row = new QWidget(this);
    auto* rowLayout = new QHBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->addWidget(field.line, 1);
    auto* browse = new QToolButton(row);
    browse->setText(tr("Pilih foto…"));
    rowLayout->addWidget(browse);
    const std::size_t index = static_cast<std::size_t>(&field - m_fields.data());
    connect(browse, &QToolButton::clicked, this, [this, index] { choosePhoto(m_fields[index]); });
    return row;
}

void FeatureForm::chooseCode(Field& field)
{
    CodePickerDialog picker(m_vocabularies,
                            field.column->vocabulary,
                            field.combo->code().value_or(std::string()),
                            this);
    if (picker.exec() == QDialog::Accepted && !picker.selectedCode().empty()) {
        field.combo->setCode(picker.selectedCode());
    }
}

void FeatureForm::choosePhoto(Field& field)
{
    const QString start =
        field.line->text().isEmpty()
            ? QFileInfo(QString::fromStdString(m_session.project().path())).absolutePath()
            : QFileInfo(field.line->text()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this,
        tr("Pilih foto"),
        start,
        tr("Gambar (*.jpg *.jpeg *.png *.webp *.heic);;Semua berkas (*)"));
    if (!path.isEmpty()) {
        field.line->setText(path);
    }
}

void FeatureForm::showValue(Field& field, const geo::Value& value)
{
    if (field.combo) {
        field.combo->setCode(geo::toText(value));
    } else if (field.check) {
        const auto* number = std::get_if<std::int64_t>(&value);
        field.check->setChecked(number && *number != 0);
    } else if (field.date) {
        const QDate date = QDate::fromString(valueText(value).left(10), Qt::ISODate);
        field.date->setDate(date.isValid() ? date : noDate);
    } else if (field.line) {
        if (const auto* real = std::get_if<double>(&value)) {
            field.line->setText(formatReal(*real));
        } else if (const auto* integer = std::get_if<std::int64_t>(&value);
                   integer && field.column->type == layers::ColumnType::Integer) {
            // Integers without group separators: years (2023) must not read as 2.023.
            field.line->setText(QString::number(*integer));
        } else {
            field.line->setText(valueText(value));
        }
        field.line->setCursorPosition(0);
    }
}

std::optional<geo::Value> FeatureForm::readValue(const Field& field, QString& problem) const
{
    const layers::Column& column = *field.column;
    if (field.combo) {
        const auto code = field.combo->code();
        if (!code) {
            problem = tr("\"%1\" tidak ada di daftar; pilih salah satu isian daftar.")
                          .arg(field.combo->currentText());
            return std::nullopt;
        }
        return code->empty() ? geo::Value() : geo::Value(*code);
    }
    if (field.check) {
        return geo::Value(static_cast<std::int64_t>(field.check->isChecked() ? 1 : 0));
    }
    if (field.date) {
        if (field.date->date() == noDate) {
            return geo::Value();
        }
        return geo::Value(field.date->date().toString(Qt::ISODate).toStdString());
    }
    const QString text = field.line->text().trimmed();
    if (text.isEmpty()) {
        return geo::Value();
    }
    switch (column.type) {
    case layers::ColumnType::Integer:
        if (const auto value = parseInteger(text)) {
            return geo::Value(*value);
        }
        problem = tr("Harus bilangan bulat, mis. 2019.");
        return std::nullopt;
    case layers::ColumnType::Real:
        if (const auto value = parseReal(text)) {
            return geo::Value(*value);
        }
        problem = tr("Harus angka, mis. 1500000 atau 2,5.");
        return std::nullopt;
    default:
        return geo::Value(text.toStdString());
    }
}

const FeatureForm::Field* FeatureForm::field(const std::string& column) const
{
    for (const auto& f : m_fields) {
        if (f.column->name == column) {
            return &f;
        }
    }
    return nullptr;
}

QWidget* FeatureForm::editor(const std::string& column) const
{
    const Field* f = field(column);
    if (!f) {
        return nullptr;
    }
    if (f->combo) {
        return f->combo;
    }
    if (f->check) {
        return f->check;
    }
    if (f->date) {
        return f->date;
    }
    return f->line;
}

QString FeatureForm::text(const std::string& column) const
{
    const Field* f = field(column);
    if (!f) {
        return {};
    }
    QString problem;
    if (f->combo) {
        return QString::fromStdString(
            f->combo->code().value_or(f->combo->currentText().toStdString()));
    }
    if (f->line) {
        return f->line->text();
    }
    const auto value = readValue(*f, problem);
    return value ? valueText(*value) : QString();
}

void FeatureForm::setText(const std::string& column, const QString& text)
{
    const Field* f = field(column);
    if (!f) {
        return;
    }
    if (f->combo) {
        f->combo->setEditText(text);
    } else if (f->check) {
        f->check->setChecked(text == "1" || text.compare("true", Qt::CaseInsensitive) == 0);
    } else if (f->date) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        f->date->setDate(date.isValid() ? date : noDate);
    } else if (f->line) {
        f->line->setText(text);
    }
}

QString FeatureForm::problem(const std::string& column) const
{
    const Field* f = field(column);
    return f && f->problem && !f->problem->isHidden() ? f->problem->text() : QString();
}

QString FeatureForm::statusText() const
{
    return m_status->text();
}

void FeatureForm::reload()
{
    m_status->clear();
    for (auto& f : m_fields) {
        f.problem->hide();
    }
    if (isNew()) {
        m_original.clear();
        m_updatedAt.clear();
        for (auto& f : m_fields) {
            showValue(f, geo::Value());
        }
        showHeader();
        return;
    }
    std::optional<layers::Feature> feature;
    try {
        feature = m_session.project().feature(m_theme, m_uuid);
    } catch (const std::exception& error) {
        m_status->setText(QString::fromStdString(error.what()));
        return;
    }
    if (!feature) {
        m_status->setText(tr("Fitur ini tidak ada lagi (sudah dihapus)."));
        return;
    }
    m_original = feature->attributes;
    m_updatedAt = feature->updatedAt;
    for (auto& f : m_fields) {
        const auto found = m_original.find(f.column->name);
        showValue(f, found == m_original.end() ? geo::Value() : found->second);
    }
    showHeader();
}

void FeatureForm::showHeader()
{
    const QString themeLabel =
        QString::fromStdString(m_themeSchema ? m_themeSchema->label() : m_theme);
    QString html = "<b>" + themeLabel.toHtmlEscaped() + "</b>";
    if (isNew()) {
        html += "<br>" + tr("Isi atributnya lalu tekan Simpan. Kolom bertanda * wajib diisi.");
        m_header->setText(html);
        return;
    }
    try {
        auto statement = m_session.project().database().prepare(
            "SELECT created_at, updated_at, author, GeometryType(geom), X(Centroid(geom)), "
            "Y(Centroid(geom)), atribut_lain FROM " +
            geo::quoteIdentifier(m_theme) + " WHERE uuid = ?");
        statement.bind(1, m_uuid);
        if (statement.step()) {
            const QLocale locale;
            html += "<br>" +
                    tr("Dibuat %1, diubah %2 oleh %3")
                        .arg(QString::fromStdString(statement.text(0)).left(16).replace('T', ' '),
                             QString::fromStdString(statement.text(1)).left(16).replace('T', ' '),
                             QString::fromStdString(statement.text(2)).toHtmlEscaped());
            if (!statement.isNull(4)) {
                html += "<br>" + tr("Letak: %1, %2 (lintang, bujur)")
                                     .arg(locale.toString(statement.real(5), 'f', 6),
                                          locale.toString(statement.real(4), 'f', 6));
            }
            html += "<br><small>UUID " + QString::fromStdString(m_uuid) + "</small>";
            if (!statement.isNull(6) && statement.text(6) != "{}") {
                html +=
                    "<br><small>" +
                    tr("Atribut lain dari sumber: %1")
                        .arg(QString::fromStdString(statement.text(6)).left(300).toHtmlEscaped()) +
                    "</small>";
            }
        }
    } catch (const std::exception& error) {
        html += "<br>" + QString::fromStdString(error.what()).toHtmlEscaped();
    }
    m_header->setText(html);
}

bool FeatureForm::save()
{
    // Read and check every field; each problem goes under its field.
    layers::Attributes values;
    bool valid = true;
    for (auto& f : m_fields) {
        QString problem;
        auto value = readValue(f, problem);
        const auto original = m_original.find(f.column->name);
        const bool originalIsNull = original == m_original.end() || geo::isNull(original->second);
        if (f.check && value && *value == geo::Value(std::int64_t{0}) && originalIsNull) {
            value = geo::Value(); // an untouched checkbox keeps "unknown"
        }
        const bool changed = !value || original == m_original.end() || original->second != *value;
        if (value && geo::isNull(*value) && f.column->required) {
            problem = tr("Wajib diisi.");
        }
        if (!problem.isEmpty() && (changed || f.column->required || isNew())) {
            f.problem->setText(problem);
            f.problem->show();
            valid = false;
            continue;
        }
        f.problem->hide();
        if (value) {
            values[f.column->name] = *value;
        }
    }
    if (!valid) {
        m_status->setText(tr("Periksa isian yang bertanda merah."));
        return false;
    }
    try {
        if (isNew()) {
            layers::Attributes filled;
            for (const auto& [key, value] : values) {
                if (!geo::isNull(value)) {
                    filled[key] = value;
                }
            }
            m_uuid = m_session.addFeature(m_theme, filled, m_newWkb);
            m_newWkb.clear();
            emit saved(QString::fromStdString(m_theme), QString::fromStdString(m_uuid));
            accept();
            return true;
        }
        layers::Attributes changes;
        for (const auto& [key, value] : values) {
            const auto original = m_original.find(key);
            if (original == m_original.end() || original->second != value) {
                changes[key] = value;
            }
        }
        if (changes.empty()) {
            m_status->setText(tr("Tidak ada perubahan."));
            accept();
            return true;
        }
        try {
            m_session.updateAttributes(m_theme, m_uuid, changes, m_original, m_updatedAt);
        } catch (const layers::EditConflict& conflict) {
            // Another window saved this feature since the form read it. Fields it did not
            // touch merge; a field both changed is the user's call.
            const auto current = m_session.project().feature(m_theme, m_uuid);
            if (!current) {
                showMessage(this,
                            MessageKind::Warning,
                            tr("Fitur sudah dihapus"),
                            tr("Fitur ini dihapus di jendela lain; perubahan tidak disimpan."));
                return false;
            }
            QStringList clashes;
            for (const auto& [key, value] : changes) {
                const auto before = m_original.find(key);
                const auto now = current->attributes.find(key);
                const geo::Value nowValue =
                    now == current->attributes.end() ? geo::Value() : now->second;
                const geo::Value beforeValue =
                    before == m_original.end() ? geo::Value() : before->second;
                if (nowValue != beforeValue && nowValue != value) {
                    const layers::Column* column = m_themeSchema->column(key);
                    clashes << tr("%1: di berkas sekarang \"%2\", di formulir \"%3\"")
                                   .arg(QString::fromStdString(column ? column->label() : key),
                                        valueText(nowValue),
                                        valueText(value));
                }
            }
            if (!clashes.isEmpty()) {
                // Take the stored values as the new baseline: saving again keeps the form's
                // values on purpose.
                m_original = current->attributes;
                m_updatedAt = current->updatedAt;
                showMessage(this,
                            MessageKind::Warning,
                            tr("Konflik penyuntingan"),
                            QString::fromStdString(conflict.what()) + "\n\n" + clashes.join("\n") +
                                "\n\n" +
                                tr("Tekan Simpan sekali lagi untuk menimpa dengan isian "
                                   "formulir, atau Tutup untuk membatalkan."));
                m_status->setText(tr("Konflik: fitur diubah di jendela lain."));
                return false;
            }
            m_session.updateAttributes(
                m_theme, m_uuid, changes, current->attributes, current->updatedAt);
            m_status->setText(tr("Digabung dengan perubahan dari jendela lain."));
        }
        emit saved(QString::fromStdString(m_theme), QString::fromStdString(m_uuid));
        accept();
        return true;
    } catch (const std::exception& error) {
        showMessage(
            this, MessageKind::Error, tr("Gagal menyimpan"), QString::fromStdString(error.what()));
        return false;
    }
}

void FeatureForm::deleteFeature()
{
    if (isNew()) {
        return;
    }
    if (!askQuestion(
            this, tr("Hapus fitur"), tr("Hapus fitur ini? Dapat dibatalkan (Urungkan)."))) {
        return;
    }
    try {
        m_session.deleteFeatures(m_theme, {m_uuid});
        accept();
    } catch (const std::exception& error) {
        showMessage(
            this, MessageKind::Error, tr("Gagal menghapus"), QString::fromStdString(error.what()));
    }
}

} // namespace app
