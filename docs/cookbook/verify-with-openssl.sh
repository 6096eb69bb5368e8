#!/usr/bin/env bash
# Verifies a Cutover audit log with openssl and the shell alone, no Java:
#   1. every entry's hash is SHA-256(0x00 || the line without its "hash" member), and every
#      entry's prev is the hash before it;
#   2. the RFC 9162 Merkle root of the first SIZE entries equals the root in the checkpoint;
#   3. the checkpoint's Ed25519 signature verifies under the verifier key (and the key id matches);
#   4. optionally (--proof INDEX FILE) an inclusion proof of entry INDEX leads to that root;
#   5. optionally (--approvers DIR) every approval counted in a gate.decided entry verifies under
#      DIR/<approver>.pub.pem.
#
# usage: verify-with-openssl.sh LOG CHECKPOINT VERIFIER_KEY [--proof INDEX FILE] [--approvers DIR]
# exit status: 0 everything verified, 1 something did not, 2 bad usage
set -euo pipefail

usage() {
  echo "usage: $0 LOG CHECKPOINT VERIFIER_KEY [--proof INDEX FILE] [--approvers DIR]" >&2
  exit 2
}
[ $# -ge 3 ] || usage
log=$1 checkpoint=$2 vkey=$3
shift 3
proof_index="" proof_file="" approvers=""
while [ $# -gt 0 ]; do
  case "$1" in
    --proof) [ $# -ge 3 ] || usage; proof_index=$2 proof_file=$3; shift 3 ;;
    --approvers) [ $# -ge 2 ] || usage; approvers=$2; shift 2 ;;
    *) usage ;;
  esac
done
for f in "$log" "$checkpoint"; do
  [ -f "$f" ] || { echo "no such file: $f" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*"; exit 1; }

hexbin() { printf '%b' "$(printf '%s' "$1" | sed 's/../\\x&/g')"; }  # hex -> bytes on stdout
binhex() { od -An -v -tx1 | tr -d ' \n'; }                           # bytes on stdin -> hex
sha256() { openssl dgst -sha256 -r | cut -d' ' -f1; }                # stdin -> hex digest
node() { { printf '\001'; hexbin "$1"; hexbin "$2"; } | sha256; }    # RFC 9162 interior node

# 1. The hash chain.
leaves=()
prev=0000000000000000000000000000000000000000000000000000000000000000
seq=0
while IFS= read -r line || [ -n "$line" ]; do
  stored=$(printf '%s' "$line" | grep -o '"hash":"[0-9a-f]\{64\}","prev":"[0-9a-f]\{64\}","seq":[0-9]*,' \
    | tail -n 1 | cut -c9-72)
  [ -n "$stored" ] || fail "line $((seq + 1)) has no hash member"
  # The entry without its top-level "hash" member (the last one followed by "prev"), as JCS bytes.
  without=$(printf '%s' "$line" | sed 's/\(.*\),"hash":"[0-9a-f]\{64\}"\(,"prev":"[0-9a-f]\{64\}","seq":\)/\1\2/')
  leaf=$({ printf '\000'; printf '%s' "$without"; } | sha256)
  [ "$leaf" = "$stored" ] || fail "entry $seq: hash $stored, but the entry hashes to $leaf"
  linked=$(printf '%s' "$line" | grep -o '"prev":"[0-9a-f]\{64\}","seq":'"$seq"',' | cut -c9-72)
  [ "$linked" = "$prev" ] || fail "entry $seq: prev is '$linked', expected $prev"
  leaves+=("$leaf")
  prev=$leaf
  seq=$((seq + 1))
done < "$log"
echo "chain: $seq entries, every hash recomputed, every prev links"

# 2. The root of the first SIZE entries, against the checkpoint.
origin=$(sed -n 1p "$checkpoint")
size=$(sed -n 2p "$checkpoint")
root_b64=$(sed -n 3p "$checkpoint")
[ "$size" -le "$seq" ] || fail "checkpoint size $size is larger than the log ($seq entries)"
mth() {  # mth START COUNT: RFC 9162 Merkle Tree Hash of leaves[START, START+COUNT)
  local s=$1 n=$2 k=1
  if [ "$n" -eq 0 ]; then printf '' | sha256; return; fi
  if [ "$n" -eq 1 ]; then echo "${leaves[$s]}"; return; fi
  while [ $((k * 2)) -lt "$n" ]; do k=$((k * 2)); done
  node "$(mth "$s" "$k")" "$(mth $((s + k)) $((n - k)))"
}
root=$(mth 0 "$size")
signed_root=$(printf '%s' "$root_b64" | openssl base64 -d -A | binhex)
[ "$root" = "$signed_root" ] || fail "root of the first $size entries is $root, checkpoint says $signed_root"
echo "root: $root over $size entries equals the checkpoint's ($origin)"

# 3. The checkpoint signature. Verifier key: <name>+<key id hex>+<base64(0x01 || public key)>.
name=${vkey%%+*}
rest=${vkey#*+}
key_id=${rest%%+*}
key_b64=${rest#*+}
printf '%s' "$key_b64" | openssl base64 -d -A > "$work/key"
[ "$(head -c 1 "$work/key" | binhex)" = "01" ] || fail "verifier key is not an Ed25519 key (first byte not 0x01)"
tail -c 32 "$work/key" > "$work/pub.raw"
computed_id=$({ printf '%s\n' "$name"; printf '\001'; cat "$work/pub.raw"; } | sha256 | cut -c1-8)
[ "$computed_id" = "$key_id" ] || fail "verifier key id $key_id, but name and key give $computed_id"
{ hexbin 302a300506032b6570032100; cat "$work/pub.raw"; } > "$work/pub.der"
openssl pkey -pubin -inform DER -in "$work/pub.der" -out "$work/pub.pem"
head -n 3 "$checkpoint" > "$work/body"
sigline=$(grep "^— $name " "$checkpoint" | head -n 1 || true)
[ -n "$sigline" ] || fail "checkpoint has no signature line by '$name'"
printf '%s' "${sigline##* }" | openssl base64 -d -A > "$work/signature"
[ "$(head -c 4 "$work/signature" | binhex)" = "$key_id" ] || fail "signature line by '$name' carries another key id"
tail -c 64 "$work/signature" > "$work/sig"
openssl pkeyutl -verify -pubin -inkey "$work/pub.pem" -rawin -in "$work/body" -sigfile "$work/sig" \
  || fail "checkpoint signature by '$name' does not verify"

# 4. An inclusion proof (RFC 9162, section 2.1.3.2): hashes one per line, leaf level first.
if [ -n "$proof_index" ]; then
  fn=$proof_index sn=$((size - 1)) r=${leaves[$proof_index]}
  [ "$proof_index" -lt "$size" ] || fail "index $proof_index is not below the checkpoint size $size"
  while IFS= read -r p; do
    [ -n "$p" ] || continue
    [ "$sn" -gt 0 ] || fail "inclusion proof is too long"
    if [ $((fn & 1)) -eq 1 ] || [ "$fn" -eq "$sn" ]; then
      r=$(node "$p" "$r")
      while [ $((fn & 1)) -eq 0 ] && [ "$fn" -ne 0 ]; do fn=$((fn >> 1)); sn=$((sn >> 1)); done
    else
      r=$(node "$r" "$p")
    fi
    fn=$((fn >> 1)); sn=$((sn >> 1))
  done < "$proof_file"
  [ "$sn" -eq 0 ] && [ "$r" = "$signed_root" ] || fail "inclusion proof of entry $proof_index does not lead to the checkpoint's root"
  echo "inclusion: entry $proof_index (leaf ${leaves[$proof_index]}) is in the checkpoint's tree"
fi

# 5. Approvals: the statement inside the log line is already in canonical (JCS) form.
if [ -n "$approvers" ]; then
  n=0
  grep '"type":"gate.decided"' "$log" \
    | grep -o '"approver":"[^"]*","reason":"[^"]*","signature":"[A-Za-z0-9+/=]*","statement":{[^}]*},"status":"counted"' \
    > "$work/approvals" || true
  while IFS= read -r a; do
    who=$(printf '%s' "$a" | sed 's/^"approver":"\([^"]*\)".*/\1/')
    printf '%s' "$a" | sed 's/.*"signature":"\([^"]*\)".*/\1/' | openssl base64 -d -A > "$work/approval.sig"
    printf '%s' "$a" | sed 's/.*"statement":\({[^}]*}\).*/\1/' | tr -d '\n' > "$work/statement.json"
    [ -f "$approvers/$who.pub.pem" ] || fail "no public key $approvers/$who.pub.pem for approver '$who'"
    openssl pkeyutl -verify -pubin -inkey "$approvers/$who.pub.pem" -rawin -in "$work/statement.json" \
      -sigfile "$work/approval.sig" > /dev/null || fail "approval by '$who' does not verify: $(cat "$work/statement.json")"
    echo "approval: '$who' signed $(cat "$work/statement.json")"
    n=$((n + 1))
  done < "$work/approvals"
  echo "approvals: $n counted approvals verified"
fi
echo "OK"
