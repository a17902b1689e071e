// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace tl {

// The input size a backbone's weights were trained at, when its file says so, else 0:
// - a catalogue name ("mobilenet_v2_1.0_160") or an official Keras file name
//   ("..._1.0_224_no_top.h5"): the catalogue's size;
// - another Keras file named like the official ones ("mobilenet_v2_1.0_224_no_top.h5"): the
//   number after the width;
// - a Teachable Machine export (folder or its model.json): "imageSize" of metadata.json.
// The automatic recipe starts its input-size search there. Reads at most one small JSON file
// (64 KiB at most); never throws.
int nativeInputSize(const std::string& reference);

}  // namespace tl
