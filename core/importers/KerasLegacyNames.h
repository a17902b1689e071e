// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <string>
#include <vector>

namespace tl {

// Keras renamed the layers of some applications after their official weight files were made.
// Keras itself loads those files by position; we load by name, so the old names are mapped
// onto today's:
//   MobileNetV2 (the mobilenet_v2_weights_tf_dim_ordering_tf_kernels_*.h5 files):
//     'mobl3_conv_3_expand' -> 'block_3_expand', 'bn3_conv_3_bn_expand' -> 'block_3_expand_BN',
//     'mobl0_conv_0_depthwise' -> 'expanded_conv_depthwise' (block 0 has no number);
//   ResNet50 (keras <= 2.2 resnet50.py):
//     'conv1' -> 'conv1_conv', 'bn_conv1' -> 'conv1_bn', 'res2a_branch2b' -> 'conv2_block1_2_conv',
//     'bn3b_branch2c' -> 'conv3_block2_3_bn', 'res4a_branch1' -> 'conv4_block1_0_conv'.
// A scheme is applied only when the list holds its tell-tale names, so layers of other models
// that merely look alike ('conv1') keep their names. Returns old name -> new name for the
// names that change.
std::map<std::string, std::string> modernKerasLayerNames(const std::vector<std::string>& layers);

}  // namespace tl
