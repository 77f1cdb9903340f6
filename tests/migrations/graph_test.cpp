// The revision graph with Alembic's semantics (alembic/script/revision.py):
// heads come from down_revision only, depends_on orders without merging.
#include <doctest/doctest.h>

#include <algorithm>

#include "linter/input_error.h"
#include "migrations/graph.h"

using namespace migcheck;

namespace {

Revision rev(std::string id, std::vector<std::string> parents, std::vector<std::string> labels = {},
             std::vector<std::string> depends_on = {}) {
  Revision r;
  r.id = std::move(id);
  r.parents = std::move(parents);
  r.branch_labels = std::move(labels);
  r.depends_on = std::move(depends_on);
  r.file = "versions/" + r.id + ".py";
  r.message = "message of " + r.id;
  return r;
}

MigrationSet analyzed(std::vector<Revision> revisions) {
  MigrationSet set;
  set.format = MigrationFormat::alembic;
  set.revisions = std::move(revisions);
  analyze_graph(set);
  return set;
}

std::vector<std::string> rules(const MigrationSet& set) {
  std::vector<std::string> ids;
  for (const auto& finding : set.graph_findings) ids.push_back(finding.rule);
  return ids;
}

using Ids = std::vector<std::string>;

bool before(const Ids& order, const std::string& a, const std::string& b) {
  return std::find(order.begin(), order.end(), a) < std::find(order.begin(), order.end(), b);
}

}  // namespace

TEST_CASE("a linear chain: one head, one base, parents first") {
  auto set = analyzed({rev("c", {"b"}), rev("a", {}), rev("b", {"a"})});
  CHECK(set.graph.heads == Ids{"c"});
  CHECK(set.graph.bases == Ids{"a"});
  CHECK(set.graph.order == Ids{"a", "b", "c"});
  CHECK(set.graph_findings.empty());
}

TEST_CASE("a branch point gives two heads and a multiple-heads finding with the merge command") {
  auto set = analyzed({rev("a", {}), rev("b", {"a"}), rev("c", {"a"})});
  CHECK(set.graph.heads == Ids{"b", "c"});
  CHECK(set.graph.branch_points == Ids{"a"});
  REQUIRE(rules(set) == Ids{"multiple-heads"});
  const Finding& finding = set.graph_findings[0];
  CHECK(finding.severity == Severity::error);
  CHECK(finding.message.find("b (versions/b.py: message of b)") != std::string::npos);
  CHECK(finding.message.find("c (versions/c.py: message of c)") != std::string::npos);
  CHECK(finding.help.view().find("alembic merge -m \"merge heads\" b c") != std::string::npos);
}

TEST_CASE("a merge point joins branches: one head again, merge listed") {
  auto set = analyzed({rev("a", {}), rev("b", {"a"}), rev("c", {"a"}), rev("m", {"b", "c"})});
  CHECK(set.graph.heads == Ids{"m"});
  CHECK(set.graph.merge_points == Ids{"m"});
  CHECK(set.graph.order.front() == "a");
  CHECK(set.graph.order.back() == "m");
  CHECK(set.graph_findings.empty());
}

TEST_CASE("depends_on does not remove a head: the dependency is an effective head") {
  auto set = analyzed({rev("a", {}), rev("x", {}), rev("y", {"x"}, {}, {"a"})});
  CHECK(set.graph.heads == Ids{"a", "y"});
  GraphIndex graph(set);
  CHECK(graph.is_head(graph.find("a")));
  CHECK_FALSE(graph.is_real_head(graph.find("a")));
  CHECK(graph.is_real_head(graph.find("y")));
  CHECK(before(set.graph.order, "a", "y"));  // a dependency runs first
}

TEST_CASE("depends_on may name a branch label; an unknown one is depends-on-missing") {
  auto set = analyzed(
      {rev("a", {}, {"core"}), rev("b", {}, {}, {"core"}), rev("c", {"b"}, {}, {"nowhere"})});
  CHECK(rules(set) == Ids{"depends-on-missing", "multiple-heads"});
  CHECK(set.graph_findings[0].revision == "c");
  CHECK(before(set.graph.order, "a", "b"));
}

TEST_CASE("a missing parent, a duplicate id and a cycle are findings naming the file") {
  auto missing = analyzed({rev("a", {}), rev("b", {"zzz"})});
  CHECK(rules(missing) == Ids{"missing-parent", "multiple-heads"});
  CHECK(missing.graph_findings[0].location.file == "versions/b.py");
  CHECK(missing.graph_findings[0].message.find("zzz") != std::string::npos);

  auto duplicate = analyzed({rev("a", {}), rev("b", {"a"}), rev("b", {"a"})});
  CHECK(rules(duplicate) == Ids{"duplicate-revision-id"});

  auto cycle = analyzed({rev("a", {}), rev("b", {"a", "c"}), rev("c", {"b"})});
  auto found = rules(cycle);
  CHECK(std::find(found.begin(), found.end(), "revision-cycle") != found.end());
  // Nothing is dropped from the order, even on a cycle.
  CHECK(cycle.graph.order.size() == 3);
}

TEST_CASE("a duplicate id: the later file replaces the earlier, which Alembic still counts") {
  // Alembic's RevisionMap warns and keeps the revision it loads last; the one
  // it replaced stays in its heads (nothing discards it), so `alembic heads`
  // lists the id twice and `upgrade head` finds several heads.
  Revision first = rev("b", {"a"});
  first.file = "versions/b_first.py";
  auto above = analyzed({rev("a", {}), first, rev("c", {"a"}), rev("b", {"c"})});
  CHECK(above.graph.heads == Ids{"b", "b"});
  CHECK(above.graph.order == Ids{"a", "c", "b"});
  CHECK(above.graph.branch_points.empty());  // the replaced file adds no edge
  GraphIndex graph(above);
  CHECK(graph.find("b") == 3);
  CHECK(rules(above) == Ids{"duplicate-revision-id"});
  CHECK(above.graph_findings[0].location.file == "versions/b.py");
  CHECK(above.graph_findings[0].message.find("versions/b_first.py") != std::string::npos);

  auto below = analyzed({rev("a", {}), first, rev("b", {"a"}), rev("c", {"b"})});
  CHECK(below.graph.heads == Ids{"b", "c"});
  CHECK(below.graph.order == Ids{"a", "b", "c"});
  CHECK(rules(below) == Ids{"duplicate-revision-id"});
}

TEST_CASE("a branch label that is a revision id or another's label: Alembic refuses the graph") {
  Revision labelled = rev("b", {"a"}, {"a"});
  labelled.branch_labels_at = {7, 1};
  auto taken_id = analyzed({rev("a", {}), labelled});
  REQUIRE(rules(taken_id) == Ids{"duplicate-branch-label"});
  const Finding& finding = taken_id.graph_findings[0];
  CHECK(finding.severity == Severity::error);
  CHECK(finding.location.line == 7);
  CHECK(finding.message.find("'a'") != std::string::npos);
  auto twice = analyzed({rev("a", {}), rev("b", {"a"}, {"x"}), rev("c", {"b"}, {"x"})});
  CHECK(rules(twice) == Ids{"duplicate-branch-label"});
  CHECK(twice.graph_findings[0].revision == "c");
  CHECK(rules(analyzed({rev("a", {}, {"x", "y"}), rev("b", {"a"})})).empty());
}

TEST_CASE("labels spread to descendants and back to the branch point, as alembic shows them") {
  auto set = analyzed(
      {rev("a", {}), rev("b", {"a"}), rev("c", {"b"}), rev("d", {"b"}, {"side"}), rev("e", {"d"})});
  GraphIndex graph(set);
  CHECK(graph.effective_branch_labels(graph.find("d")) == Ids{"side"});
  CHECK(graph.effective_branch_labels(graph.find("e")) == Ids{"side"});
  CHECK(graph.effective_branch_labels(graph.find("b")).empty());  // the branch point itself
  CHECK(graph.effective_branch_labels(graph.find("c")).empty());

  auto linear = analyzed({rev("a", {}), rev("b", {"a"}, {"main"}), rev("c", {"b"})});
  GraphIndex line(linear);
  CHECK(line.effective_branch_labels(line.find("a")) == Ids{"main"});  // back to the base
}

TEST_CASE("resolve accepts ids, unique prefixes, labels and head, as Alembic's command line") {
  auto set = analyzed({rev("ae1027a6acf", {}, {"core"}), rev("ae1099b7bbb", {"ae1027a6acf"}),
                       rev("f00", {"ae1099b7bbb"})});
  GraphIndex graph(set);
  CHECK(graph.resolve("f00") == 2);
  CHECK(graph.resolve("ae1099") == 1);
  CHECK(graph.resolve("core") == 0);
  CHECK(graph.resolve("head") == 2);
  CHECK_THROWS_WITH_AS(graph.resolve("ae10"), doctest::Contains("ambiguous"), InputError);
  CHECK_THROWS_AS(graph.resolve("nothing"), InputError);
}

TEST_CASE("history order walks each branch down before the shared parent, newest first") {
  // Alembic's history for this shape (checked with alembic 1.8): the second
  // head's line is emitted only once nothing else depends on the shared base.
  auto set = analyzed({rev("a", {}), rev("b", {"a"}), rev("c", {"b"}), rev("d", {"a"})});
  GraphIndex graph(set);
  std::vector<std::string> order;
  for (int i : graph.history_order()) order.push_back(graph.revision(i).id);
  CHECK(order == Ids{"c", "b", "d", "a"});
}

TEST_CASE("five thousand revisions in a chain: heads and order without quadratic work") {
  std::vector<Revision> revisions;
  for (int i = 0; i < 5000; ++i) {
    revisions.push_back(rev("r" + std::to_string(i), i ? Ids{"r" + std::to_string(i - 1)} : Ids{}));
  }
  auto set = analyzed(std::move(revisions));
  CHECK(set.graph.heads == Ids{"r4999"});
  CHECK(set.graph.order.size() == 5000);
  CHECK(set.graph.order.front() == "r0");
}

TEST_CASE("heads of independently labelled branches are not a forgotten merge") {
  // Alembic's multiple-bases layout: `alembic upgrade heads` is how it runs.
  auto set = analyzed({rev("a", {}, {"shop"}), rev("b", {"a"}), rev("x", {}, {"audit"})});
  CHECK(set.graph.heads == Ids{"b", "x"});
  CHECK(set.graph_findings.empty());
  // A branch off a labelled line shares its label: that is a forgotten merge.
  auto forked = analyzed({rev("a", {}, {"shop"}), rev("b", {"a"}), rev("c", {"a"})});
  CHECK(rules(forked) == Ids{"multiple-heads"});
}

TEST_CASE("graph findings point at the assignment to fix, else at the file's first line") {
  Revision orphan = rev("b", {"gone"}, {}, {"nowhere"});
  orphan.parents_at = {12, 1};
  orphan.depends_on_at = {14, 1};
  Revision twin = rev("a", {});
  twin.id_at = {9, 1};
  twin.file = "versions/a_copy.py";
  MigrationSet set = analyzed({rev("a", {}), orphan, twin});
  auto find = [&](const std::string& rule) -> const Finding& {
    auto it = std::find_if(set.graph_findings.begin(), set.graph_findings.end(),
                           [&](const Finding& f) { return f.rule == rule; });
    REQUIRE(it != set.graph_findings.end());
    return *it;
  };
  const Finding& missing = find("missing-parent");
  CHECK(missing.location.line == 12);
  CHECK(missing.location.end_column == 1 + 13);  // `down_revision`
  CHECK(find("depends-on-missing").location.line == 14);
  CHECK(find("duplicate-revision-id").location.file == "versions/a_copy.py");
  CHECK(find("duplicate-revision-id").location.line == 9);

  MigrationSet unknown_positions = analyzed({rev("a", {}), rev("b", {"gone"})});
  for (const Finding& finding : unknown_positions.graph_findings) {
    INFO(finding.rule);
    CHECK(finding.location.line == 1);
  }
}

TEST_CASE("the merge command names each head once") {
  CHECK(alembic_merge_command({"f3dd", "f4ee", "f3dd"}) ==
        "alembic merge -m \"merge heads\" f3dd f4ee");
}
