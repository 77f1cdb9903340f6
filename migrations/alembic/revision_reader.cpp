#include "migrations/alembic/revision_reader.h"

#include "migrations/alembic/file_position.h"
#include "migrations/alembic/op_translator.h"
#include "migrations/alembic/python_module.h"
#include "migrations/alembic/revision_metadata.h"
#include "migrations/project_rules.h"

namespace migcheck {
namespace {

// The module-level `def <name>(...)`; the last one wins, as in Python.
const PyStatement* find_function(const PyModule& module, std::string_view name) {
  const PyStatement* found = nullptr;
  for (const PyStatement& statement : module.statements) {
    if (statement.compound && statement.keyword(module.source, module.tokens) == "def" &&
        statement.first + 1 < statement.last &&
        module.tokens[statement.first + 1].text(module.source) == name) {
      found = &statement;
    }
  }
  return found;
}

// Why a downgrade() undoes nothing, or empty when it does something: a body
// of only `pass`, `...` and a docstring (unless the upgrade does nothing
// either, as in a merge revision), or one that raises.
std::string irreversible_reason(const PyModule& module, const PyStatement& downgrade,
                                bool upgrade_acts) {
  bool acts = false;
  for (const PyStatement& statement : downgrade.body) {
    std::string_view keyword = statement.keyword(module.source, module.tokens);
    if (keyword == "raise") return "downgrade() raises instead of undoing the upgrade";
    if (statement.compound || keyword == "pass") {
      acts |= statement.compound;
      continue;
    }
    const PyToken& first = module.tokens[statement.first];
    bool only_literal = statement.last == statement.first + 1 &&
                        (first.kind == PyToken::Kind::string || first.text(module.source) == "...");
    bool docstring = first.kind == PyToken::Kind::string;
    for (size_t i = statement.first; i < statement.last && docstring; ++i) {
      docstring = module.tokens[i].kind == PyToken::Kind::string;
    }
    acts |= !(only_literal || docstring);
  }
  return acts || !upgrade_acts ? ""
                               : "downgrade() is empty, so this revision cannot be rolled back";
}

Finding irreversible(const Location& location, const std::string& message) {
  Finding finding;
  finding.rule = std::string(kIrreversibleDowngrade.id);
  finding.severity = kIrreversibleDowngrade.severity;
  finding.message = message;
  finding.help =
      "Write a downgrade() that undoes upgrade() (drop what it added, restore what it changed), "
      "so a failed deploy can be rolled back; if the change truly cannot be undone, say why in "
      "a comment and suppress this finding.";
  finding.location = location;
  return finding;
}

}  // namespace

std::optional<Revision> read_alembic_revision(std::shared_ptr<const SourceFile> file,
                                              const ProjectModules* modules) {
  PyModule module = read_python_module(file->text(), file->path());
  std::optional<RevisionMetadata> meta = read_revision_metadata(module, file->path());
  if (!meta) return std::nullopt;
  Revision revision = revision_from_metadata(std::move(*meta), file->path());

  if (const PyStatement* upgrade = find_function(module, "upgrade")) {
    TranslatedFunction up = translate_function(module, file, *upgrade, modules);
    revision.up = std::move(up.units);
    for (Finding& f : up.findings) revision.read_findings.push_back(std::move(f));
    revision.conditional = std::move(up.conditional);
  }
  bool upgrade_acts = !revision.up.empty() || !revision.read_findings.empty();
  const PyStatement* downgrade = find_function(module, "downgrade");
  if (!downgrade) {
    revision.has_down = false;
    revision.read_findings.push_back(irreversible(
        location_in(*file, 0, 0), "revision " + revision.id + " has no downgrade() function"));
  } else if (std::string reason = irreversible_reason(module, *downgrade, upgrade_acts);
             !reason.empty()) {
    revision.has_down = false;
    const PyToken& def = module.tokens[downgrade->first];
    const PyToken& colon = module.tokens[downgrade->last];
    revision.read_findings.push_back(
        irreversible(location_in(*file, def.begin, colon.end), reason));
  } else {
    TranslatedFunction down = translate_function(module, file, *downgrade, modules);
    revision.down = std::move(down.units);
    for (Finding& f : down.findings) revision.read_findings.push_back(std::move(f));
    for (ConditionalSql& c : down.conditional) revision.conditional.push_back(std::move(c));
  }
  for (Finding& f : revision.read_findings) f.revision = revision.id;
  return revision;
}

}  // namespace migcheck
