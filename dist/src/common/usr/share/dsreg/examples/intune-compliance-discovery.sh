#!/bin/sh
# Intune custom compliance discovery script for Linux: prints the one JSON object that
# intune-compliance-rules.json judges. Upload both in the Intune admin center (Devices > Compliance >
# Scripts, then a Linux compliance policy's Custom compliance setting); the Intune agent runs the
# script on the device as the signed-in user, so the Microsoft broker's PRT is visible.
#   DsregRegistered             true when the device is registered or joined with a tenant
#   DsregKeyInTpm               true when every registration's device key is in a TPM
#   DsregCertificateValidDays   whole days until the first device certificate expires (-1: none)
#   DsregPrtPresent             true when an account (the broker's, or dsreg's own) has a usable PRT
#   DsregExitCode               dsreg's exit code (0 success, 2 broker not available, 3 query failed)
# Read from `dsreg --status --format prometheus` (line by line, no JSON tool needed on the device).
metrics=$(/usr/bin/dsreg --status --format prometheus 2>/dev/null)
code=$?
printf '%s\n' "$metrics" | awk -v now="$(date +%s)" -v code="$code" '
  /^#/ || NF < 2 { next }
  { name = $1; sub(/\{.*/, "", name); value = $NF + 0 }
  name == "dsreg_registered" { registered = (value == 1) }
  name == "dsreg_tpm_protected" { keys++; if (value == 1) tpm++ }
  name == "dsreg_certificate_expiry_timestamp_seconds" {
    days = int((value - now) / 86400); if (value < now) days = -1
    if (!have || days < least) { least = days; have = 1 }
  }
  name == "dsreg_prt_present" && value == 1 { prt = 1 }
  END {
    printf "{\"DsregRegistered\": %s, \"DsregKeyInTpm\": %s, \"DsregCertificateValidDays\": %d, \"DsregPrtPresent\": %s, \"DsregExitCode\": %d}\n",
      registered ? "true" : "false", (keys > 0 && tpm == keys) ? "true" : "false", have ? least : -1,
      prt ? "true" : "false", code
  }'
