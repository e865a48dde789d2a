//! Typed identifiers of the main records, and text-stored enums. A `BuildingId` cannot be passed
//! where a `TenantId` is expected, and an id is parsed once, at the edge (path, form, JSON), never
//! carried as a string or as a `-1` "unknown" sentinel.
//!
//! Both are stored with portable column types (`BigInt`, `Text`) and convert through the generic
//! `ToSql`/`FromSql` of those types, so they work on SQLite, PostgreSQL and the `MultiConnection`
//! enum alike.

/// Declares `pub struct $name(pub i64)` usable as a diesel `BigInt` value, a serde number, an
/// OpenAPI integer and a path segment.
#[macro_export]
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default,
            serde::Serialize, serde::Deserialize,
            diesel::expression::AsExpression, diesel::deserialize::FromSqlRow,
        )]
        #[serde(transparent)]
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        pub struct $name(pub i64);

        impl $name {
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse::<i64>().map($name)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::BigInt, DB> for $name
        where
            DB: diesel::backend::Backend,
            i64: diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.0.to_sql(out)
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB> for $name
        where
            DB: diesel::backend::Backend,
            i64: diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                i64::from_sql(bytes).map($name)
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                <i64 as utoipa::PartialSchema>::schema()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

/// Declares a text-stored enum: `as_str`/`parse` over its codes, `ALL` in display order, diesel
/// `Text` conversion (an unknown code read from the database is an error, not a default), serde
/// as its code, and an OpenAPI string enum.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash,
            diesel::expression::AsExpression, diesel::deserialize::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        $vis enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }

            /// Every code, in declaration order.
            pub fn codes() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| {
                    serde::de::Error::unknown_variant(&s, &[$($code),+])
                })
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.as_str().to_sql(out)
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let s = String::from_sql(bytes)?;
                $name::parse(&s).ok_or_else(|| {
                    format!("unknown {} code {s:?}", stringify!($name)).into()
                })
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),+]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

id_type!(
    /// An office (office d'habitation).
    OfficeId
);
id_type!(
    /// An account of a person.
    UserId
);
id_type!(
    /// A department of an office, which receives requests.
    DepartmentId
);
id_type!(
    /// A building (immeuble).
    BuildingId
);
id_type!(
    /// A community room of a building.
    RoomId
);
id_type!(
    /// A dwelling (logement).
    DwellingId
);
id_type!(
    /// A tenant (locataire).
    TenantId
);
id_type!(
    /// An API token.
    TokenId
);
id_type!(
    /// A practice journal entry.
    JournalEntryId
);
id_type!(
    /// A message of the mail outbox.
    MessageId
);
id_type!(
    /// A tenant request (demande / signalement).
    RequestId
);
id_type!(
    /// A request category of an office.
    CategoryId
);
id_type!(
    /// A request's photo.
    PhotoId
);
id_type!(
    /// A workshop or activity.
    WorkshopId
);
id_type!(
    /// One session (occurrence) of a workshop.
    SessionId
);
id_type!(
    /// A registration of a tenant to a workshop or one of its sessions.
    RegistrationId
);
id_type!(
    /// A facilitator line of a workshop.
    FacilitatorId
);
id_type!(
    /// A secret calendar feed link.
    FeedId
);
id_type!(
    /// An entry of the access log (a read of personal information).
    AccessLogId
);
id_type!(
    /// One consent decision of a tenant (given or withdrawn).
    ConsentEventId
);
id_type!(
    /// A person's request for their own information (access-request register).
    AccessRequestId
);
id_type!(
    /// A confidentiality incident (incident register).
    IncidentId
);

#[cfg(test)]
mod tests {
    use super::*;

    text_enum! {
        enum Colour { Red = "red", Blue = "blue" }
    }

    #[test]
    fn ids_parse_at_the_edge_and_print_as_numbers() {
        assert_eq!("42".parse::<BuildingId>(), Ok(BuildingId(42)));
        assert!("x".parse::<BuildingId>().is_err());
        assert_eq!(serde_json::to_string(&TenantId(7)).unwrap_or_default(), "7");
    }

    #[test]
    fn text_enums_round_trip_their_codes_and_refuse_others() {
        assert_eq!(Colour::parse("blue"), Some(Colour::Blue));
        assert_eq!(Colour::parse("green"), None);
        assert_eq!(Colour::codes(), ["red", "blue"]);
        assert!(serde_json::from_str::<Colour>("\"green\"").is_err());
        assert_eq!(
            serde_json::to_string(&Colour::Red).unwrap_or_default(),
            "\"red\""
        );
    }
}
