// `migcheck rules` and `migcheck explain RULE`: the rule reference from the
// definitions in the registry.
#include <iostream>
#include <memory>

#include "ci/commands.h"
#include "ci/rule_catalog.h"
#include "ci/rules_doc.h"
#include "linter/input_error.h"

namespace migcheck {

void add_rules_command(CLI::App& app, int& exit_code) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* rules =
      app.add_subcommand("rules", "List every rule: id, kind, severity, enabled, summary");
  rules->add_option("--format", *format, "Output: text, json, markdown (docs/rules.md)");
  rules->callback([format, &exit_code] {
    if (*format == "text") {
      render_rules_table(known_rules(), std::cout);
    } else if (*format == "json") {
      render_rules_json(known_rules(), std::cout);
    } else if (*format == "markdown") {
      render_rules_markdown(known_rules(), std::cout);
    } else {
      throw InputError("--format: unknown format '" + *format + "' (text, json, markdown)");
    }
    exit_code = 0;
  });
}

void add_explain_command(CLI::App& app, int& exit_code) {
  auto id = std::make_shared<std::string>();
  CLI::App* explain = app.add_subcommand("explain",
                                         "Explain a rule: the lock, why it hurts, "
                                         "and the safe way to do the same change");
  explain->add_option("rule", *id, "Rule id, as in findings and `migcheck rules`")->required();
  explain->callback([id, &exit_code] {
    if (const Rule* rule = find_known_rule(*id)) {
      render_rule_explanation(*rule, std::cout);
      exit_code = 0;
      return;
    }
    std::string message = "unknown rule '" + *id + "'";
    std::vector<std::string_view> close = close_rule_ids(*id, known_rules());
    for (size_t i = 0; i < close.size(); ++i) {
      message += (i == 0                  ? "; did you mean "
                  : i + 1 == close.size() ? " or "
                                          : ", ") +
                 std::string(close[i]);
    }
    throw InputError(message + (close.empty() ? " (migcheck rules lists them)" : "?"));
  });
}

}  // namespace migcheck
