#include "app/desktop/main_window.h"
#include "app/desktop/map_canvas.h"
#include "app/desktop/thematic_dialog.h"
#include "app/desktop/thematic_panel.h"
#include "app_fixture.h"

#include <QAction>
#include <QComboBox>
#include <QSpinBox>
#include <QTreeWidget>

#include <gtest/gtest.h>

using apptest::waitFor;

namespace {

class ThematicTest : public apptest::WindowTest
{
};

} // namespace

TEST_F(ThematicTest, DialogOffersNumericVillageColumnsAndBuildsTheLayer)
{
    app::ThematicDialog dialog(projectPath(), window.get());
    EXPECT_EQ(dialog.tableBox()->itemText(0), QString("wilayah"));
    // Numeric columns only, keys left out; population preselected.
    EXPECT_EQ(dialog.columnBox()->currentText(), QString("jumlah_penduduk"));
    EXPECT_GE(dialog.columnBox()->findText("jumlah_kk"), 0);
    EXPECT_LT(dialog.columnBox()->findText("nama"), 0);
    EXPECT_LT(dialog.columnBox()->findText("fid"), 0);
    dialog.methodBox()->setCurrentIndex(
        dialog.methodBox()->findData(int(layers::ClassMethod::NaturalBreaks)));
    dialog.classesBox()->setValue(4);
    auto layer = dialog.layer();
    EXPECT_EQ(layer.kind, layers::ThematicLayer::Kind::Choropleth);
    EXPECT_EQ(layer.table, "wilayah");
    EXPECT_EQ(layer.valueColumn, "jumlah_penduduk");
    EXPECT_EQ(layer.method, layers::ClassMethod::NaturalBreaks);
    EXPECT_EQ(layer.classes, 4);

    dialog.kindBox()->setCurrentIndex(
        dialog.kindBox()->findData(int(layers::ThematicLayer::Kind::Density)));
    dialog.pointTableBox()->setCurrentText("aset_desa");
    layer = dialog.layer();
    EXPECT_EQ(layer.kind, layers::ThematicLayer::Kind::Density);
    EXPECT_EQ(layer.pointTable, "aset_desa");
    EXPECT_EQ(layer.bandwidthMetres, 500);

    // Editing round-trips every field.
    app::ThematicDialog again(projectPath(), window.get());
    again.setLayer(layer);
    EXPECT_EQ(again.layer().kind, layer.kind);
    EXPECT_EQ(again.layer().pointTable, layer.pointTable);
}

TEST_F(ThematicTest, ChoroplethShowsInTheLayersDockAndOnTheMap)
{
    EXPECT_FALSE(window->thematicPanel()->isVisible());
    EXPECT_TRUE(window->action("thematic")->isEnabled());
    const QImage before = window->canvas()->image();
    const int renders = window->canvas()->renderFinishCount();

    layers::ThematicLayer layer;
    layer.table = "wilayah";
    layer.valueColumn = "jumlah_penduduk";
    layer.classes = 3;
    layer.unit = "jiwa";
    window->addThematicLayer(layer);

    auto* panel = window->thematicPanel();
    EXPECT_TRUE(panel->isVisible());
    ASSERT_EQ(panel->layerCount(), 1);
    // Title, then the note and three classes (the test villages all have a population).
    EXPECT_EQ(panel->tree()->topLevelItem(0)->text(0), QString("jumlah_penduduk (jiwa)"));
    EXPECT_EQ(panel->legendEntryCount(0), 1 + 3);
    EXPECT_FALSE(panel->tree()->topLevelItem(0)->child(1)->icon(0).isNull());
    ASSERT_EQ(window->canvas()->thematicLayers().size(), 1u);

    ASSERT_TRUE(waitFor([&] { return window->canvas()->renderFinishCount() > renders; }));
    EXPECT_TRUE(window->canvas()->renderErrors().isEmpty())
        << window->canvas()->renderErrors().join("; ").toStdString();
    EXPECT_NE(window->canvas()->image(), before);

    // Unchecking hides it from the map; removing empties and hides the panel.
    panel->tree()->topLevelItem(0)->setCheckState(0, Qt::Unchecked);
    EXPECT_FALSE(window->canvas()->thematicLayers().front().visible);
    panel->removeLayer(0);
    EXPECT_TRUE(window->canvas()->thematicLayers().empty());
    EXPECT_FALSE(panel->isVisible());
}

TEST_F(ThematicTest, AMissingColumnIsShownInTheLegend)
{
    layers::ThematicLayer layer;
    layer.valueColumn = "tidak_ada";
    window->addThematicLayer(layer);
    auto* item = window->thematicPanel()->tree()->topLevelItem(0);
    ASSERT_EQ(item->childCount(), 1);
    EXPECT_TRUE(item->child(0)->text(0).contains("tidak_ada"));
}
