// SPDX-License-Identifier: MIT
#pragma once

#include "support/ImportError.h"

namespace tl {

// A backbone named by the catalogue is not on this computer and could not be fetched (offline,
// blocked, server error, verification failure). The message says which file to place where,
// or how to import one, so the GUI can show it as is and offer an import instead.
class BackboneUnavailableError : public ImportError {
public:
    using ImportError::ImportError;
};

}  // namespace tl
