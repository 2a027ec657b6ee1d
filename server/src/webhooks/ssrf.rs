//! SSRF guard: webhook URLs are chosen by tenants, so without a check a tenant could make Kyra
//! call its own admin ports, the cloud metadata service or anything else on the private network.
//!
//! Every address a host resolves to must be public unless the operator allow-listed the host (or
//! that address). The check runs when an endpoint is saved and again at every delivery, inside the
//! HTTP client's resolver: the connection goes to exactly the addresses that passed, so a DNS
//! answer that changes between check and connect (DNS rebinding) gains nothing.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum SsrfError {
    #[error("the host `{0}` does not resolve")]
    Unresolvable(String),
    #[error("the host `{host}` resolves to {addr}, a private, loopback, link-local or reserved address; the operator can allow it with `[webhooks] allow_hosts`")]
    Forbidden { host: String, addr: IpAddr },
}

/// The operator's allow-list: host names (case-insensitive) and IP addresses.
#[derive(Clone, Debug, Default)]
pub struct AllowList {
    hosts: Arc<Vec<String>>,
    addrs: Arc<Vec<IpAddr>>,
}

impl AllowList {
    pub fn new(entries: &[String]) -> AllowList {
        let mut hosts = Vec::new();
        let mut addrs = Vec::new();
        for entry in entries {
            let entry = entry.trim().trim_start_matches('[').trim_end_matches(']');
            match entry.parse::<IpAddr>() {
                Ok(addr) => addrs.push(addr),
                Err(_) => hosts.push(entry.to_ascii_lowercase()),
            }
        }
        AllowList {
            hosts: Arc::new(hosts),
            addrs: Arc::new(addrs),
        }
    }

    /// Whether the host itself is listed: it may then use any address and plain `http://`.
    pub fn allows_host(&self, host: &str) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let lower = host.to_ascii_lowercase();
        self.hosts.contains(&lower)
            || host
                .parse::<IpAddr>()
                .is_ok_and(|addr| self.addrs.contains(&addr))
    }

    fn allows(&self, host: &str, addr: IpAddr) -> bool {
        is_public(addr) || self.allows_host(host) || self.addrs.contains(&addr)
    }

    /// Resolves `host` and keeps the addresses Kyra may connect to. Fails if none remain, naming
    /// the first refused address.
    pub async fn resolve(&self, host: &str, port: u16) -> Result<Vec<SocketAddr>, SsrfError> {
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let resolved: Vec<SocketAddr> = match bare.parse::<IpAddr>() {
            Ok(addr) => vec![SocketAddr::new(addr, port)],
            Err(_) => tokio::net::lookup_host((bare, port))
                .await
                .map_err(|_| SsrfError::Unresolvable(bare.to_owned()))?
                .collect(),
        };
        let Some(first) = resolved.first().copied() else {
            return Err(SsrfError::Unresolvable(bare.to_owned()));
        };
        let allowed: Vec<SocketAddr> = resolved
            .into_iter()
            .filter(|a| self.allows(bare, a.ip()))
            .collect();
        if allowed.is_empty() {
            return Err(SsrfError::Forbidden {
                host: bare.to_owned(),
                addr: first.ip(),
            });
        }
        Ok(allowed)
    }
}

/// Whether an address is on the public internet. Anything special-purpose is refused: loopback,
/// RFC 1918, carrier-grade NAT, link-local (169.254.169.254 is the cloud metadata service),
/// documentation, benchmarking, multicast and reserved ranges, and the IPv6 equivalents,
/// including IPv4 addresses smuggled inside IPv6 (mapped, NAT64, 6to4).
pub fn is_public(addr: IpAddr) -> bool {
    match addr {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(a == 0
        || a == 10
        || a == 127
        || (a == 100 && (64..128).contains(&b))
        || (a == 169 && b == 254)
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 192 && b == 0 && c == 2)
        || (a == 192 && b == 88 && c == 99)
        || (a == 192 && b == 168)
        || (a == 198 && (18..20).contains(&b))
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)
        || a >= 224)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let seg = ip.segments();
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    // NAT64 (64:ff9b::/96) embeds an IPv4 address in the last 32 bits.
    if seg[0] == 0x64 && seg[1] == 0xff9b && seg[2..6] == [0, 0, 0, 0] {
        return is_public_v4(Ipv4Addr::new(
            (seg[6] >> 8) as u8,
            seg[6] as u8,
            (seg[7] >> 8) as u8,
            seg[7] as u8,
        ));
    }
    // 6to4 (2002::/16) embeds one in bits 16..48.
    if seg[0] == 0x2002 {
        return is_public_v4(Ipv4Addr::new(
            (seg[1] >> 8) as u8,
            seg[1] as u8,
            (seg[2] >> 8) as u8,
            seg[2] as u8,
        ));
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || seg[0..6] == [0, 0, 0, 0, 0, 0] // IPv4-compatible (deprecated) and ::/96
        || (seg[0] & 0xfe00) == 0xfc00 // unique local, incl. fd00:ec2::254 (AWS metadata)
        || (seg[0] & 0xffc0) == 0xfe80 // link-local
        || (seg[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (seg[0] & 0xff00) == 0xff00 // multicast
        || (seg[0] == 0x2001 && seg[1] == 0x0db8) // documentation
        || (seg[0] == 0x0100 && seg[1..4] == [0, 0, 0]) // discard-only
        || (seg[0] == 0x2001 && seg[1] < 0x0200)) // IETF protocol assignments, Teredo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_special_addresses_are_refused() {
        for bad in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd00:ec2::254",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "ff02::1",
            "2001:db8::1",
        ] {
            let addr: IpAddr = bad.parse().expect("address");
            assert!(!is_public(addr), "{bad} must be refused");
        }
        for good in [
            "1.1.1.1",
            "8.8.8.8",
            "172.32.0.1",
            "2606:4700:4700::1111",
            "::ffff:1.1.1.1",
        ] {
            let addr: IpAddr = good.parse().expect("address");
            assert!(is_public(addr), "{good} must be allowed");
        }
    }

    #[tokio::test]
    async fn allow_list_admits_named_hosts_and_addresses() {
        let none = AllowList::new(&[]);
        assert!(matches!(
            none.resolve("127.0.0.1", 80).await,
            Err(SsrfError::Forbidden { .. })
        ));
        assert!(matches!(
            none.resolve("localhost", 80).await,
            Err(SsrfError::Forbidden { .. })
        ));
        let by_addr = AllowList::new(&["127.0.0.1".to_owned()]);
        // `localhost` may also resolve to ::1, which stays refused; 127.0.0.1 is kept.
        let kept = by_addr.resolve("localhost", 80).await.expect("allowed");
        assert!(kept.iter().all(|a| a.ip() == IpAddr::from([127, 0, 0, 1])));
        let by_name = AllowList::new(&["LocalHost".to_owned()]);
        assert!(by_name.allows_host("localhost"));
        assert!(by_name.resolve("localhost", 80).await.is_ok());
        assert!(!by_name.allows_host("127.0.0.1"));
    }
}
