#!/usr/bin/env bash
# make-keystores.sh: the Java keystores of the keystore unit tests
#
#   tests/keystores/make-keystores.sh [DIR]     (default: this directory)
#
# Everything is made by keytool (JDK 17), with the commands of Flink's
# "SSL Setup" documentation (a self-signed REST certificate; a CA and a REST
# certificate it signed), in both formats Flink's truststores and keystores
# come in: JKS and PKCS12. openssl only writes the PEM copy of one keystore.
# Next to each store, STORE.list is what Java sees in it (`keytool -list`):
# the tests compare flinkjob's reading with that.
#
# All passwords are test-only:
#   truststores  trust-secret
#   keystores    store-secret (JKS keys: key-secret; PKCS12 keys share the
#                store password, as keytool makes them)
#
# The certificates are valid for 100 years. Run again to renew them; the
# tests read whatever is checked in.
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

dir=${1:-$(cd "$(dirname "$0")" && pwd)}
mkdir -p "$dir"
cd "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

kt=(keytool -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC
    -J-Duser.language=en -J-Duser.country=US)
days=36500
trust=trust-secret
store=store-secret
key=key-secret

rm -f ./*.jks ./*.p12 ./*.jceks ./*.pem ./*.list

# list FILE PASSWORD: what Java sees in FILE, in FILE.list.
list () {
  local file=$1 pass=$2
  "${kt[@]}" -list -keystore "$file" -storepass "$pass" \
    | grep -v '^Keystore provider\|^Warning\|^The JKS keystore\|^$' > "$file.list"
}

# The CAs (the documentation's "REST Endpoint (with a self signed CA)").
for ca in ca other-ca; do
  "${kt[@]}" -genkeypair -alias "$ca" -keystore "$work/$ca.p12" -storetype PKCS12 \
    -dname "CN=flinkjob test $ca" -storepass "$store" -keyalg RSA -keysize 2048 \
    -ext "bc=ca:true" -validity "$days" 2>/dev/null
  "${kt[@]}" -exportcert -rfc -keystore "$work/$ca.p12" -alias "$ca" \
    -storepass "$store" -file "$ca.pem" 2>/dev/null
done

for type in JKS PKCS12; do
  case $type in
    JKS) ext=jks; keypass=$key ;;
    PKCS12) ext=p12; keypass=$store ;;
  esac
  st=(-storetype "$type")

  # A truststore of two CAs: two trusted certificate entries.
  for ca in ca other-ca; do
    "${kt[@]}" -importcert -noprompt -alias "$ca" -file "$ca.pem" \
      -keystore "truststore.$ext" "${st[@]}" -storepass "$trust" 2>/dev/null
  done
  list "truststore.$ext" "$trust"

  # The REST keystore the CA signed: a private key entry whose chain is the
  # REST certificate and the CA, and the CA as a trusted entry.
  "${kt[@]}" -genkeypair -alias flink.rest -keystore "keystore.$ext" "${st[@]}" \
    -dname "CN=localhost" -ext "SAN=dns:localhost,ip:127.0.0.1" \
    -storepass "$store" -keypass "$keypass" -keyalg RSA -keysize 2048 \
    -validity "$days" 2>/dev/null
  "${kt[@]}" -certreq -alias flink.rest -keystore "keystore.$ext" \
    -storepass "$store" -keypass "$keypass" -file "$work/rest-$ext.csr" 2>/dev/null
  "${kt[@]}" -gencert -alias ca -keystore "$work/ca.p12" -storepass "$store" \
    -ext "SAN=dns:localhost,ip:127.0.0.1" -validity "$days" \
    -infile "$work/rest-$ext.csr" -outfile "$work/rest-$ext.cer" 2>/dev/null
  "${kt[@]}" -importcert -noprompt -alias ca -file ca.pem \
    -keystore "keystore.$ext" -storepass "$store" 2>/dev/null
  "${kt[@]}" -importcert -noprompt -alias flink.rest -file "$work/rest-$ext.cer" \
    -keystore "keystore.$ext" -storepass "$store" -keypass "$keypass" 2>/dev/null
  list "keystore.$ext" "$store"

  # The documentation's "simple self signed certificate": one key entry,
  # used as keystore and truststore.
  "${kt[@]}" -genkeypair -alias flink.rest -keystore "selfsigned.$ext" "${st[@]}" \
    -dname "CN=localhost" -ext "SAN=dns:localhost,ip:127.0.0.1" \
    -storepass "$store" -keypass "$keypass" -keyalg RSA -keysize 2048 \
    -validity "$days" 2>/dev/null
  list "selfsigned.$ext" "$store"

  # An elliptic-curve key.
  "${kt[@]}" -genkeypair -alias flink.rest -keystore "ec.$ext" "${st[@]}" \
    -dname "CN=localhost" -storepass "$store" -keypass "$keypass" \
    -keyalg EC -groupname secp256r1 -validity "$days" 2>/dev/null
  list "ec.$ext" "$store"

  # A store with no entries: a key pair made, then deleted.
  "${kt[@]}" -genkeypair -alias gone -keystore "empty.$ext" "${st[@]}" \
    -dname "CN=gone" -storepass "$store" -keypass "$keypass" -keyalg RSA \
    -keysize 2048 2>/dev/null
  "${kt[@]}" -delete -alias gone -keystore "empty.$ext" -storepass "$store" 2>/dev/null
  list "empty.$ext" "$store"
done

# PKCS12 as keytool wrote it before JDK 8u301 / 11.0.12: keys under
# PBEWithSHA1AndDESede, certificates under PBEWithSHA1AndRC2_40, a SHA-1 MAC.
legacy=(-J-Dkeystore.pkcs12.keyProtectionAlgorithm=PBEWithSHA1AndDESede
        -J-Dkeystore.pkcs12.certProtectionAlgorithm=PBEWithSHA1AndRC2_40
        -J-Dkeystore.pkcs12.macAlgorithm=HmacPBESHA1)
"${kt[@]}" "${legacy[@]}" -importkeystore -noprompt \
  -srckeystore keystore.p12 -srcstorepass "$store" \
  -destkeystore keystore-legacy.p12 -deststoretype PKCS12 -deststorepass "$store" >/dev/null 2>&1
list keystore-legacy.p12 "$store"
"${kt[@]}" "${legacy[@]}" -importkeystore -noprompt \
  -srckeystore truststore.p12 -srcstorepass "$trust" \
  -destkeystore truststore-legacy.p12 -deststoretype PKCS12 -deststorepass "$trust" >/dev/null 2>&1
list truststore-legacy.p12 "$trust"

# PKCS12 without a MAC (Java reads it with any password): nothing but the
# ciphers stands between a damaged file and the parser.
"${kt[@]}" -J-Dkeystore.pkcs12.macAlgorithm=NONE -importkeystore -noprompt \
  -srckeystore keystore.p12 -srcstorepass "$store" \
  -destkeystore keystore-nomac.p12 -deststoretype PKCS12 -deststorepass "$store" >/dev/null 2>&1
list keystore-nomac.p12 "$store"

# JCEKS, which flinkjob does not read.
"${kt[@]}" -importcert -noprompt -alias ca -file ca.pem -keystore truststore.jceks \
  -storetype JCEKS -storepass "$trust" 2>/dev/null
list truststore.jceks "$trust"

# The REST keystore as one PEM file (key and chain), as openssl writes it.
openssl pkcs12 -in keystore.p12 -passin "pass:$store" -nodes 2>/dev/null \
  | grep -v '^Bag Attributes\|^    \|^subject=\|^issuer=\|^Key Attributes' > keystore.pem

ls -l "$dir" >&2
