#include "procedure/naming.h"

#include "procedure/classification.h"

namespace intaked {
namespace {

std::string Surname(const std::string& full_name) {
  const std::string n = NormalizeForMatching(full_name);
  const size_t sp = n.rfind(' ');
  return sp == std::string::npos ? std::string() : n.substr(sp + 1);
}

}  // namespace

bool NamesAllCoChairs(const std::string& own_text) {
  // Only the collective phrases: "Dear co-chairs," greets, it does not accuse.
  return !FindPhrase(own_text, {"the co-chairs", "both co-chairs", "the cochairs", "both cochairs",
                                "the co chairs", "both co chairs", "both of the co-chairs",
                                "both your co-chairs"})
              .empty();
}

std::vector<bool> NamedCoChairs(const NamingInput& in,
                                const std::vector<CoChairIdentity>& co_chairs) {
  const std::string& own_text = in.own_text;
  std::vector<bool> named(co_chairs.size(), false);
  if (NamesAllCoChairs(own_text)) {
    named.assign(co_chairs.size(), true);
    return named;
  }
  for (size_t i = 0; i < co_chairs.size(); ++i) {
    std::vector<std::string> needles = co_chairs[i].aliases;
    needles.push_back(co_chairs[i].name);
    needles.push_back(co_chairs[i].address);
    if (std::string s = Surname(co_chairs[i].name); s.size() > 1) needles.push_back(s);
    named[i] = !FindPhrase(own_text, needles).empty();
  }
  return named;
}

}  // namespace intaked
