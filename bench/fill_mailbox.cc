// SPDX-License-Identifier: GPL-3.0-or-later
// fill_mailbox: puts N realistic messages into one IMAP folder with APPEND over
// a single connection, as the starting point of the backlog benchmark.
//   fill_mailbox IMAP_SERVER_URL USER PASSWORD CA_FILE COUNT [COMPLAINT_EVERY]
// One message in COMPLAINT_EVERY (default 100) is a complaint; the rest are the
// ordinary mail an intake address gets (questions, newsletters, replies).
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <string>

#include "transport/imap_session.h"

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr
        << "usage: fill_mailbox IMAP_SERVER_URL USER PASSWORD CA_FILE COUNT [COMPLAINT_EVERY]\n";
    return 2;
  }
  const int count = std::stoi(argv[5]);
  const int every = argc > 6 ? std::stoi(argv[6]) : 100;
  auto session = intaked::ImapSession::Connect(
      {argv[1], argv[2], argv[3], "", {true, argv[4]}, std::chrono::seconds(60)});
  if (!session.ok()) {
    std::cerr << session.status().message() << "\n";
    return 1;
  }
  const std::string filler(1500, 'x');  // a typical 2-3 KB message
  for (int i = 0; i < count; ++i) {
    const bool complaint = i % every == 0;
    const std::string body =
        complaint ? "I am unhappy with how my enquiry was handled and wish to complain.\r\n"
                  : "Hello, could you tell me when the next coffee morning is?\r\n";
    std::string raw = fmt::format(
        "From: Parent {0} <parent{0}@family.test>\r\nTo: info@pacts.test\r\nSubject: {1} {0}\r\n"
        "Message-ID: <bench{0}@family.test>\r\nDate: Mon, 2 Mar 2026 09:00:00 "
        "+0000\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=UTF-8\r\n\r\n{2}\r\n",
        i, complaint ? "Complaint" : "Question", body);
    for (int l = 0; l < 20; ++l) raw += filler.substr(0, 70) + "\r\n";
    if (intaked::Status s = (*session)->Append("INBOX", raw, ""); !s.ok()) {
      std::cerr << "message " << i << ": " << s.message() << "\n";
      return 1;
    }
  }
  (*session)->Logout();
  std::cout << "appended " << count << " messages\n";
  return 0;
}
