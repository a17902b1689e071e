// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace tl {

// "9.4 MB": decimal units as file managers and download sites show them, in the user's
// locale; "?" for an unknown (negative) size.
QString formatDataSize(qint64 bytes);

}  // namespace tl
