// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>

namespace tl {

// One colour per class, the same on the class list, the thumbnails' labels, the viewer and
// the charts, so a class is recognised at a glance. Label -1 (Unlabeled) is grey.
QColor classColor(int label);
// Black or white, whichever reads better on `background`.
QColor textColorOn(const QColor& background);

}  // namespace tl
