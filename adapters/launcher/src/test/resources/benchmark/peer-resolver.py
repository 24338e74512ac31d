# Drives Debian's postfix-mta-sts-resolver (an RFC 8461 sender: TXT lookup + policy fetch) over the benchmark's
# loopback fixture: its DNS goes to the fixture's resolver, its HTTPS to the fixture's policy server, trusting its CA.
# usage: peer-resolver.py DNS_HOST:PORT HTTPS_HOST:PORT CA_FILE DOMAINS_FILE CONCURRENCY
# prints "ok=N failed=M seconds=S"
import asyncio, ssl, socket, sys, time
import aiodns, aiohttp
from aiohttp.abc import AbstractResolver
from postfix_mta_sts_resolver import resolver as peer
from postfix_mta_sts_resolver.resolver import STSResolver, STSFetchResult

dns, https, ca_file, domains_file, concurrency = sys.argv[1:6]
dns_host, dns_port = dns.rsplit(":", 1)
https_host, https_port = https.rsplit(":", 1)
dns_port, https_port, concurrency = int(dns_port), int(https_port), int(concurrency)
tls = ssl.create_default_context(cafile=ca_file)

class Loopback(AbstractResolver):
    async def resolve(self, host, port=0, family=socket.AF_INET):
        return [{"hostname": host, "host": https_host, "port": https_port, "family": socket.AF_INET,
                 "proto": 0, "flags": socket.AI_NUMERICHOST}]
    async def close(self):
        pass

real_session = aiohttp.ClientSession
def session(*args, **kwargs):
    kwargs["connector"] = aiohttp.TCPConnector(resolver=Loopback(), ssl=tls, force_close=True)
    kwargs.pop("loop", None)
    return real_session(*args, **kwargs)
peer.aiohttp.ClientSession = session

async def main():
    loop = asyncio.get_running_loop()
    sts = STSResolver(loop=loop, timeout=10)
    sts._resolver = aiodns.DNSResolver(loop=loop, timeout=10, nameservers=[dns_host],
                                       udp_port=dns_port, tcp_port=dns_port)
    domains = [line.strip() for line in open(domains_file) if line.strip()]
    gate = asyncio.Semaphore(concurrency)
    counts = {"ok": 0, "failed": 0}
    async def one(domain):
        async with gate:
            status, _ = await sts.resolve(domain)
            counts["ok" if status == STSFetchResult.VALID else "failed"] += 1
    started = time.monotonic()
    await asyncio.gather(*(one(d) for d in domains))
    print("ok=%d failed=%d seconds=%.3f" % (counts["ok"], counts["failed"], time.monotonic() - started))

asyncio.run(main())
