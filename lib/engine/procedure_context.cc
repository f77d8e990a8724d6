// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/procedure_context.h"

#include "mail/address.h"

namespace intaked {

Result<std::shared_ptr<const ProcedureContext>> ProcedureContext::Build(const Config& config) {
  auto zone = LocalZone::Find(config.timezone);
  if (!zone.ok()) return zone.status().Context(config.path + ": organisation.timezone");
  auto templates = LetterTemplates::Load(config.templates_directory);
  if (!templates.ok()) return templates.status().Context(config.path + ": templates.directory");
  ClassificationRules rules = ClassificationRules::Defaults();
  for (const auto& p : config.extra_complaint_phrases) rules.complaint_phrases.push_back(p);
  for (const auto& p : config.extra_compliment_phrases) rules.compliment_phrases.push_back(p);
  // Dissatisfaction aimed at a co-chair is aimed at the forum. A bare surname is left out:
  // "able" and "bright" are ordinary words, and titles say when they are names.
  for (const CoChairSettings& cc : config.co_chairs) {
    const std::string& name = cc.identity.name;
    rules.people.push_back(name);
    for (const auto& alias : cc.identity.aliases) rules.people.push_back(alias);
    if (const size_t sp = name.rfind(' '); sp != std::string::npos) {
      for (const char* title : {"Mr ", "Mrs ", "Ms ", "Miss ", "Dr "})
        rules.people.push_back(title + name.substr(sp + 1));
    }
  }
  WorkingDayCalendar calendar = config.bank_holidays
                                    ? WorkingDayCalendar(*config.bank_holidays, config.closures)
                                    : WorkingDayCalendar(config.region, config.closures);
  return std::shared_ptr<const ProcedureContext>(new ProcedureContext{
      config, std::move(calendar), zone.value(), std::move(templates.value()), std::move(rules)});
}

std::vector<CoChairIdentity> ProcedureContext::CoChairIdentities() const {
  std::vector<CoChairIdentity> out;
  for (const CoChairSettings& c : config.co_chairs) out.push_back(c.identity);
  return out;
}

std::string ProcedureContext::StaffName(const std::string& email) const {
  for (const CoChairSettings& cc : config.co_chairs) {
    if (SameEmail(email, cc.identity.address)) return cc.identity.name;
  }
  if (SameEmail(email, config.reviewer_address)) return config.reviewer_name;
  if (SameEmail(email, config.fallback_address)) return config.fallback_name;
  return email;
}

}  // namespace intaked
