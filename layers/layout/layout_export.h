#pragma once

#include "layers/layout/layout_page.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace layers {

/// What `petadesa-cli layout` and the desktop layout dialog ask for.
struct LayoutOptions
{
    std::string projectPath;
    std::string templateName = "potensi";
    std::optional<Paper> paper;    ///< unset: the template's paper
    std::optional<bool> landscape; ///< unset: the template's orientation
    double dpi = 300;
    std::optional<LayoutTemplate::Grid> grid; ///< unset: the template's grid
    QString title;                            ///< "" = the template's title
    QString subtitle;                         ///< "" = the template's subtitle
    QString producer; ///< "" = the project's `penyusun` metadata, else the user name
    QString sources;  ///< "" = the project's `sumber_data` metadata, else the imported files
    QString logoPath;
    bool atlas = false;  ///< a cover page, then one page per desa/kelurahan
    std::string village; ///< one village's page: its Kemendagri code or its name
    bool labels = true;
    bool allScales = false; ///< draw every layer at every scale (no legibility limit)
};

/// The pages the options describe, ready to paint (reads the project; throws geo::Error or
/// ProjectError with the reason: unknown template, unknown village, empty project).
std::vector<LayoutPage> buildLayoutPages(const LayoutOptions& options);

struct LayoutExportResult
{
    std::vector<std::string> files; ///< written files (one PDF, or one PNG/SVG per page)
    std::size_t pages = 0;
    std::vector<std::string> warnings; ///< layers that failed to draw, per page
    double seconds = 0;
    bool canceled = false;
};

/// Writes the pages to outputPath: .pdf (all pages in one file, vectors and selectable text),
/// .png (at the options' dpi) or .svg; several PNG/SVG pages get _01, _02, ... before the
/// extension. Every file is written to a temporary file and renamed when complete, so a failure
/// or a cancel never leaves a half-written map. progress(page, pages) is called after each page.
LayoutExportResult exportLayout(const LayoutOptions& options,
                                const std::string& outputPath,
                                const RenderFeedback& feedback,
                                const std::function<void(std::size_t, std::size_t)>& progress = {});

} // namespace layers
