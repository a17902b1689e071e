#include "Commands.h"

int runEmbedCommand(const QStringList&) { return 1; }
