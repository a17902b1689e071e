// SPDX-License-Identifier: MIT
#pragma once

class QCustomPlot;
class QPalette;

namespace tl {

// QCustomPlot draws black on white whatever the desktop's colours: this gives a plot the
// widget palette's background, text and grid colours, so charts stay readable in a dark theme.
void applyPalette(QCustomPlot* plot, const QPalette& palette);

}  // namespace tl
