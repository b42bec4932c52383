// The disconnector's state machine against the Blue Book's table of control modes (class 70,
// 4.5.8): which transitions each mode allows, and where each leads.
#include "core/meter/relays.h"

#include <gtest/gtest.h>

namespace quadra::meter {
namespace {

using CS = Relays::ControlState;
using O = Relays::Outcome;
using R = Relays::Request;

// From `from`, in `mode`, `request`: the state it ends in (unchanged when refused).
CS after(std::uint8_t mode, CS from, R request, O* outcome = nullptr, char* t = nullptr) {
  Relays r;
  r.set_control_mode(1);
  // Reach `from` by allowed transitions of mode 1: b for Disconnected, g for Ready.
  if (from == CS::kDisconnected) (void)r.request(R::kRemoteDisconnect, 1.0);
  if (from == CS::kReadyForReconnection) (void)r.request(R::kLocalDisconnect, 1.0);
  EXPECT_EQ(r.control_state(), from);
  r.set_control_mode(mode);
  const O o = r.request(request, 2.0, t);
  if (outcome != nullptr) *outcome = o;
  return r.control_state();
}

TEST(Relays, StartConnectedWithRelay2Open) {
  Relays r;
  EXPECT_EQ(r.control_state(), CS::kConnected);
  EXPECT_TRUE(r.output_state());
  EXPECT_FALSE(r.relay2_closed());
  EXPECT_EQ(r.output_bits(), 1u);
  EXPECT_EQ(r.last_switch(1).who, Relays::Source::kNone);
}

TEST(Relays, EachTransitionLeadsWhereTheBlueBookSays) {
  char t = 0;
  EXPECT_EQ(after(2, CS::kDisconnected, R::kRemoteReconnect, nullptr, &t), CS::kReadyForReconnection);
  EXPECT_EQ(t, 'a');
  EXPECT_EQ(after(1, CS::kConnected, R::kRemoteDisconnect, nullptr, &t), CS::kDisconnected);
  EXPECT_EQ(t, 'b');
  EXPECT_EQ(after(1, CS::kReadyForReconnection, R::kRemoteDisconnect, nullptr, &t), CS::kDisconnected);
  EXPECT_EQ(t, 'c');
  EXPECT_EQ(after(1, CS::kDisconnected, R::kRemoteReconnect, nullptr, &t), CS::kConnected);
  EXPECT_EQ(t, 'd');
  EXPECT_EQ(after(1, CS::kConnected, R::kManualDisconnect, nullptr, &t), CS::kReadyForReconnection);
  EXPECT_EQ(t, 'e');
  EXPECT_EQ(after(1, CS::kReadyForReconnection, R::kManualReconnect, nullptr, &t), CS::kConnected);
  EXPECT_EQ(t, 'f');
  EXPECT_EQ(after(1, CS::kConnected, R::kLocalDisconnect, nullptr, &t), CS::kReadyForReconnection);
  EXPECT_EQ(t, 'g');
  EXPECT_EQ(after(5, CS::kReadyForReconnection, R::kLocalReconnect, nullptr, &t), CS::kConnected);
  EXPECT_EQ(t, 'h');
}

TEST(Relays, TheControlModeDecidesWhichTransitionsAreAllowed) {
  // Rows: modes 0..6; columns: e (manual disconnect), h (local reconnect), remote reconnect from
  // Disconnected goes to Ready (a) or Connected (d). Blue Book table of control_mode.
  const bool manual_disconnect[7] = {false, true, true, false, false, true, false};
  const bool local_reconnect[7] = {false, false, false, false, false, true, true};
  const bool via_ready[7] = {false, false, true, false, true, false, true};
  for (std::uint8_t m = 1; m <= 6; ++m) {
    SCOPED_TRACE(static_cast<int>(m));
    O o{};
    after(m, CS::kConnected, R::kManualDisconnect, &o);
    EXPECT_EQ(o, manual_disconnect[m] ? O::kChanged : O::kNotAllowed);
    after(m, CS::kReadyForReconnection, R::kLocalReconnect, &o);
    EXPECT_EQ(o, local_reconnect[m] ? O::kChanged : O::kNotAllowed);
    EXPECT_EQ(after(m, CS::kDisconnected, R::kRemoteReconnect), via_ready[m] ? CS::kReadyForReconnection : CS::kConnected);
    // Remote disconnection, local disconnection and manual reconnection: every mode 1..6.
    EXPECT_EQ(after(m, CS::kConnected, R::kRemoteDisconnect), CS::kDisconnected);
    EXPECT_EQ(after(m, CS::kConnected, R::kLocalDisconnect), CS::kReadyForReconnection);
    EXPECT_EQ(after(m, CS::kReadyForReconnection, R::kManualReconnect), CS::kConnected);
  }
}

TEST(Relays, ModeZeroStaysConnected) {
  Relays r;
  EXPECT_EQ(r.request(R::kRemoteDisconnect, 1.0), O::kNotAllowed);
  EXPECT_EQ(r.request(R::kLocalDisconnect, 1.0), O::kNotAllowed);
  EXPECT_EQ(r.request(R::kManualDisconnect, 1.0), O::kNotAllowed);
  EXPECT_EQ(r.control_state(), CS::kConnected);
  EXPECT_EQ(r.request(R::kRemoteReconnect, 1.0), O::kNoChange);
}

TEST(Relays, ARequestWithNoTransitionFromTheStateChangesNothing) {
  Relays r;
  r.set_control_mode(1);
  EXPECT_EQ(r.request(R::kRemoteReconnect, 1.0), O::kNoChange);  // already connected
  EXPECT_EQ(r.request(R::kManualReconnect, 1.0), O::kNoChange);
  ASSERT_EQ(r.request(R::kRemoteDisconnect, 5.0), O::kChanged);
  EXPECT_EQ(r.request(R::kRemoteDisconnect, 6.0), O::kNoChange);
  EXPECT_EQ(r.request(R::kLocalDisconnect, 6.0), O::kNoChange);  // g only from Connected
  EXPECT_EQ(r.last_switch(1).utc_s, 5.0);
  EXPECT_EQ(r.last_switch(1).who, Relays::Source::kRemote);
  EXPECT_FALSE(r.output_state());
  EXPECT_EQ(r.output_bits(), 0u);
}

TEST(Relays, Relay2RemembersWhoSwitchedIt) {
  Relays r;
  EXPECT_TRUE(r.set_relay2(true, Relays::Source::kLocal, 10.0));
  EXPECT_FALSE(r.set_relay2(true, Relays::Source::kRemote, 11.0));
  EXPECT_EQ(r.last_switch(2).who, Relays::Source::kLocal);
  EXPECT_EQ(r.last_switch(2).utc_s, 10.0);
  EXPECT_EQ(r.output_bits(), 3u);
}

}  // namespace
}  // namespace quadra::meter
