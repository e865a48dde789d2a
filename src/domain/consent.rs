//! The words of consent (Law 25): for what a tenant agrees ([`Purpose`]), the decision
//! ([`Decision`]) and how it was expressed ([`How`]). Stored as text in `consent_events`; the
//! composer (`email`) and the privacy capability both speak them, hence their place here.

crate::text_enum! {
    /// What a consent is for. A referral is to one named partner (`consent_events.partner`).
    pub enum Purpose {
        /// Being contacted by email.
        ContactEmail = "contact_email",
        /// Being contacted by text message.
        ContactSms = "contact_sms",
        /// Being contacted by phone.
        ContactPhone = "contact_phone",
        /// Sharing information with a named partner for a referral.
        Referral = "referral",
        /// Photos (of the person or their dwelling) taken and kept.
        Photos = "photos",
    }
}

crate::text_enum! {
    /// Given or withdrawn.
    pub enum Decision {
        Given = "given",
        Withdrawn = "withdrawn",
    }
}

crate::text_enum! {
    /// How the tenant expressed the decision.
    pub enum How {
        InPerson = "in_person",
        Phone = "phone",
        /// A form: the tenant's registry form, or a paper form entered later.
        Form = "form",
        /// The one-click link of an email.
        EmailLink = "email_link",
    }
}

impl Purpose {
    /// Whether the purpose names a partner (a referral).
    pub fn needs_partner(self) -> bool {
        self == Purpose::Referral
    }

    /// The catalogue key of its label.
    pub fn label_key(self) -> String {
        format!("consent-purpose-{}", self.as_str())
    }
}
