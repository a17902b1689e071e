// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace tl {

// Moves a file or folder TransferLab created to a new place: a rename where the file system
// allows it, else a full copy followed by removing the source (only once the copy is
// complete, so a failure leaves the source as it was). `to` must not exist. Returns false
// with *error set.
bool moveFileOrFolder(const QString& from, const QString& to, QString* error);

}  // namespace tl
