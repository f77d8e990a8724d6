#include "procedure/anonymity_redaction.h"

namespace intaked {

std::string RedactForStaff(std::string_view text, const Address&) { return std::string(text); }

}  // namespace intaked
