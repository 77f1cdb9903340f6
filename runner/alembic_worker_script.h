#pragma once

namespace migcheck {

// The Python program behind AlembicWorker, shipped inside the binary so that
// migcheck needs no file of its source tree at run time.
extern const char* const kAlembicWorkerScript;

}  // namespace migcheck
