// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace tl {

// One CSV field as RFC 4180 writes it: quoted (with quotes doubled) when it holds a comma,
// a quote or a line break, as is otherwise.
QString csvField(const QString& value);

}  // namespace tl
