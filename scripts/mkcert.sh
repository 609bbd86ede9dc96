#!/bin/sh
# Creates a throwaway certificate authority and a server certificate for
# 127.0.0.1 / localhost, for retryrpc TLS in tests and local setups.
#
# Usage: scripts/mkcert.sh DIR
#
# Writes into DIR (created if missing):
#   ca.pem          CA certificate (give it to clients: RetryRPCCACertFilePath)
#   ca-key.pem      CA private key (PKCS#8, EC P-256)
#   server.pem      server certificate signed by the CA (RetryRPCCertFilePath),
#                   SAN IP:127.0.0.1, IP:::1, DNS:localhost
#   server-key.pem  server private key (PKCS#8, EC P-256) (RetryRPCKeyFilePath)
#
# Never use these files in production: the CA key lies next to the certificates.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 DIR" >&2
    exit 2
fi
dir=$1
days=${MKCERT_DAYS:-365}
mkdir -p "$dir"
cd "$dir"

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca-key.pem 2>/dev/null
openssl req -x509 -new -key ca-key.pem -sha256 -days "$days" \
    -subj "/CN=proxyfs retryrpc test CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out ca.pem

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server-key.pem 2>/dev/null
openssl req -new -key server-key.pem -subj "/CN=localhost" -out server.csr

cat > server.ext <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost
EXT
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
    -sha256 -days "$days" -extfile server.ext -out server.pem 2>/dev/null

rm -f server.csr server.ext ca.srl
chmod 600 ca-key.pem server-key.pem
echo "wrote $(pwd)/ca.pem, ca-key.pem, server.pem, server-key.pem"
