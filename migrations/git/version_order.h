#pragma once
#include <string>

namespace migcheck {

// Orders numbered migration versions as the tools apply them: runs of digits
// compare as numbers ("9" < "10", Flyway's "1.10" > "1.9"), anything else as
// text. Negative, zero or positive like strcmp.
int compare_versions(const std::string& a, const std::string& b);

}  // namespace migcheck
