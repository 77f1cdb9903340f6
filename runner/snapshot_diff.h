#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "runner/snapshot.h"

namespace migcheck {

// One sentence per object that differs between two snapshots, in key order:
// "column products.normalized_price: numeric(10,2) NOT NULL after the first
// upgrade, absent after upgrade → downgrade → upgrade". Labels say when each
// snapshot was taken ("after the first upgrade"). Empty when equal.
std::vector<std::string> diff_snapshots(const Snapshot& first, std::string_view first_label,
                                        const Snapshot& second, std::string_view second_label);

}  // namespace migcheck
