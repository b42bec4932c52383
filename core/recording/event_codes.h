// Event codes used by the recording layer itself. IDIS codes where IDIS has one (shared/spec/
// events.md); Quadra's manufacturer codes sit in IDIS's manufacturer range 230..249, which is
// full, and one below it (229, auto connect failed), and must be published in the README.
#pragma once

#include <cstdint>

namespace quadra::recording::event_code {

// Standard log.
inline constexpr std::uint16_t kPowerDown = 1;
inline constexpr std::uint16_t kPowerUp = 2;
inline constexpr std::uint16_t kDstChange = 3;
inline constexpr std::uint16_t kClockAdjustedOldTime = 4;
inline constexpr std::uint16_t kClockAdjustedNewTime = 5;
inline constexpr std::uint16_t kPassiveCalendarActivated = 9;
inline constexpr std::uint16_t kAlarmRegisterCleared = 11;
// The Image transfer (cosem/image_transfer_object.h): an image verified, an image activated.
inline constexpr std::uint16_t kFirmwareReadyForActivation = 17;
inline constexpr std::uint16_t kFirmwareActivated = 18;
inline constexpr std::uint16_t kLoadProfileCleared = 254;  // the meter logs it after LoadProfile::reset()
// Every log (except the power failure log, which has no code column): "this log was cleared".
inline constexpr std::uint16_t kLogCleared = 255;
// Communication log, manufacturer code: another log was cleared; context[0] = its number 1..7.
inline constexpr std::uint16_t kEventLogDeleted = 230;
// Configuration and inputs log, manufacturer codes: a billing period closed, context[0] = its
// counter, context[1] = the trigger (0 schedule, 1 command, 2 digital input, 3 service button);
// the RTC moved by the synchronisation input, context[0] = old UTC, context[1] = new UTC.
inline constexpr std::uint16_t kBillingPeriodClosed = 231;
inline constexpr std::uint16_t kRtcSynchronisedByInput = 232;
// Configuration and inputs log, manufacturer codes: the digital inputs changed state; context[0]
// = what the input does (1 tariff control, 2 billing reset, 3 RTC synchronisation).
inline constexpr std::uint16_t kDigitalInput1Activated = 233;
inline constexpr std::uint16_t kDigitalInput1Deactivated = 234;
inline constexpr std::uint16_t kDigitalInput2Activated = 235;
inline constexpr std::uint16_t kDigitalInput2Deactivated = 236;
// Configuration and inputs log, IDIS: parameters changed; context[0] = the object (0: all).
inline constexpr std::uint16_t kParametersChanged = 47;
// Communication log, manufacturer codes: an association opened, refused or released; context[0]
// = the client SAP, context[1] = the refusal's diagnostic (acse-service-user code).
inline constexpr std::uint16_t kAssociationOpened = 237;
inline constexpr std::uint16_t kAssociationRefused = 238;
inline constexpr std::uint16_t kAssociationReleased = 239;
// Communication log, IDIS: a key changed (Security setup key_transfer); context[0] = the key_id
// (0 global unicast encryption, 1 global broadcast encryption, 2 authentication, 3 master key),
// context[1] = the client SAP that changed it.
inline constexpr std::uint16_t kKeysChanged = 48;
// Communication log, manufacturer codes: a push setup's notification was not delivered by any
// attempt of a round (245), or was dropped, its queue being full or the notification too large
// (246); context[0] = the push setup's OBIS packed by obis_to_context. The exchangeable
// communication module was removed (247) or inserted (248).
inline constexpr std::uint16_t kPushDeliveryFailed = 245;
inline constexpr std::uint16_t kPushNotificationDropped = 246;
inline constexpr std::uint16_t kCommunicationModuleRemoved = 247;
inline constexpr std::uint16_t kCommunicationModuleInserted = 248;
// Communication log, manufacturer code: the Auto connect (0.0.2.1.0.255) gave up, its last round
// of destinations having failed; context[0] = the rounds tried (0: no destination configured).
// 229 lies just below IDIS's manufacturer range (230..249, all taken): a head end that checks the
// range shows it as unknown.
inline constexpr std::uint16_t kAutoConnectFailed = 229;
// Fraud log, IDIS: authentication failure (wrong LLS password, failed HLS); context[0] = client SAP.
inline constexpr std::uint16_t kAuthenticationFailure = 46;
// Fraud log, IDIS: a ciphered APDU that failed decryption or authentication (49), or came with an
// invocation counter already used (50, replay); context[0] = client SAP.
inline constexpr std::uint16_t kDecryptionFailure = 49;
inline constexpr std::uint16_t kReplayAttack = 50;
// Limits and outputs log, manufacturer codes: register monitor 1 (0.0.16.0.0.255) and alarm
// monitor 1 (0.0.16.1.0.255) saw their value cross a threshold upward / downward; context[0] =
// the watched value. (The limiter uses the demand limit codes 149 / 150 of quality/event_codes.h.)
inline constexpr std::uint16_t kRegisterMonitorUp = 240;
inline constexpr std::uint16_t kRegisterMonitorDown = 241;
inline constexpr std::uint16_t kAlarmMonitorUp = 242;
inline constexpr std::uint16_t kAlarmMonitorDown = 243;
// Limits and outputs log, IDIS disconnector codes for relay 1 (context[0] = 1): 59 ready for
// manual reconnection (transition a), 60 manual disconnection (e), 61 manual connection (f),
// 62 remote disconnection (b, c), 63 remote connection (d), 64 local disconnection (g), 69 local
// reconnection (h).
inline constexpr std::uint16_t kReadyForManualReconnection = 59;
inline constexpr std::uint16_t kManualDisconnection = 60;
inline constexpr std::uint16_t kManualConnection = 61;
inline constexpr std::uint16_t kRemoteDisconnection = 62;
inline constexpr std::uint16_t kRemoteConnection = 63;
inline constexpr std::uint16_t kLocalDisconnection = 64;
inline constexpr std::uint16_t kLocalReconnection = 69;
// Limits and outputs log, manufacturer codes for relay 2: closed (244) or opened (249);
// context[0] = 2 (the relay), context[1] = 0 when a client switched it (the script table
// 0.0.10.0.103 executed over DLMS), 1 when the meter itself did (a register monitor, the limiter or
// the output control schedule).
inline constexpr std::uint16_t kRelay2Closed = 244;
inline constexpr std::uint16_t kRelay2Opened = 249;
// Standard log, IDIS: non-volatile memory error (a save to the store failed).
inline constexpr std::uint16_t kNonVolatileMemoryError = 14;

}  // namespace quadra::recording::event_code
