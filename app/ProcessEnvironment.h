// SPDX-License-Identifier: MIT
#pragma once

// Process-wide settings that must be in place before LibTorch does any work. Call first
// thing in main(); it may re-execute the program once (POSIX) with the environment set.
void prepareProcessEnvironment(int argc, char** argv);
