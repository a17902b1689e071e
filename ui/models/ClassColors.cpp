// SPDX-License-Identifier: MIT
#include "models/ClassColors.h"

namespace tl {

QColor classColor(int label) {
    if (label < 0) {
        return QColor(150, 150, 150);
    }
    // Golden-angle hue steps keep neighbouring classes apart however many there are.
    return QColor::fromHsv((label * 137 + 200) % 360, 150, 205);
}

QColor textColorOn(const QColor& background) {
    const double luminance =
        0.299 * background.redF() + 0.587 * background.greenF() + 0.114 * background.blueF();
    return luminance > 0.6 ? QColor(Qt::black) : QColor(Qt::white);
}

}  // namespace tl
