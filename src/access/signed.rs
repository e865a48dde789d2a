//! Signed links: capabilities that must act without a sign-in (a tenant withdrawing consent from an
//! email) carry an HMAC-SHA256 signature made with a key only the service knows. The key comes from
//! `privacy.link_secret` when set, else is derived from the session key (so that links stay valid
//! as long as sessions do; a dedicated secret lets the session key rotate without breaking them).

use std::sync::Arc;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::domain::consent::Purpose;
use crate::domain::ids::TenantId;

type HmacSha256 = Hmac<Sha256>;

/// Bytes of the signature kept in a link (128 bits: forging one is out of reach).
const SIGNATURE_BYTES: usize = 16;

/// The key that signs and checks links. Cheap to clone.
#[derive(Clone)]
pub struct LinkKey(Arc<[u8]>);

impl std::fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(..)")
    }
}

fn mac(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length: `new_from_slice` cannot fail for it.
    HmacSha256::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC takes any key length"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

impl LinkKey {
    /// The link key of `secret` (a configured secret or the session key), kept apart from the
    /// secret's other uses by a fixed label.
    pub fn derive(secret: &[u8]) -> LinkKey {
        let mut m = mac(secret);
        m.update(b"passerelle signed links v1");
        LinkKey(Arc::from(m.finalize().into_bytes().as_slice()))
    }

    /// The signature of `message`, as hex.
    pub fn sign(&self, message: &str) -> String {
        let mut m = mac(&self.0);
        m.update(message.as_bytes());
        hex(&m.finalize().into_bytes()[..SIGNATURE_BYTES])
    }

    /// Whether `signature` is `message`'s (compared in constant time).
    pub fn verify(&self, message: &str, signature: &str) -> bool {
        let Some(given) = unhex(signature).filter(|b| b.len() == SIGNATURE_BYTES) else {
            return false;
        };
        let mut m = mac(&self.0);
        m.update(message.as_bytes());
        m.verify_truncated_left(&given).is_ok()
    }

    /// The token of a link withdrawing `tenant`'s consent to `purpose`: `<tenant>.<purpose>.<sig>`.
    pub fn withdrawal_token(&self, tenant: TenantId, purpose: Purpose) -> String {
        let message = format!("withdraw.{tenant}.{purpose}");
        format!("{tenant}.{purpose}.{}", self.sign(&message))
    }

    /// The tenant and purpose of a withdrawal token, if its signature holds.
    pub fn read_withdrawal(&self, token: &str) -> Option<(TenantId, Purpose)> {
        let mut parts = token.trim().splitn(3, '.');
        let tenant: TenantId = parts.next()?.parse().ok()?;
        let purpose = Purpose::parse(parts.next()?)?;
        let signature = parts.next()?;
        self.verify(&format!("withdraw.{tenant}.{purpose}"), signature)
            .then_some((tenant, purpose))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_withdrawal_token_reads_back_and_any_change_breaks_it() {
        let key = LinkKey::derive(b"secret");
        let token = key.withdrawal_token(TenantId(42), Purpose::ContactEmail);
        assert_eq!(
            key.read_withdrawal(&token),
            Some((TenantId(42), Purpose::ContactEmail))
        );
        let other_tenant = token.replacen("42.", "43.", 1);
        assert_eq!(key.read_withdrawal(&other_tenant), None);
        let other_purpose = token.replace("contact_email", "contact_sms");
        assert_eq!(key.read_withdrawal(&other_purpose), None);
        assert_eq!(LinkKey::derive(b"other").read_withdrawal(&token), None);
        assert_eq!(key.read_withdrawal("42.contact_email.zz"), None);
        assert_eq!(key.read_withdrawal(""), None);
    }
}
