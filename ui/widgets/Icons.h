// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QStyle>

namespace tl {

// An icon from resources/icons (SVG, so it stays sharp on HiDPI screens), or the style's
// standard icon when SVG support (the Qt SVG image plugin) is not installed.
QIcon themedIcon(const QString& name, QStyle::StandardPixmap fallback);

}  // namespace tl
