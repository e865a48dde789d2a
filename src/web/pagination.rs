//! The one pagination of every list, pages and API alike: `?page=&per_page=` parsed into a
//! [`Pagination`], a query answering a [`Paged`] list, and for HTML the [`Pager`] links.

use serde::{Deserialize, Serialize};

use super::urlencode;

/// Rows per page of the HTML lists.
pub const PAGE_SIZE: i64 = 50;
/// Most rows one API page may ask for.
pub const MAX_PER_PAGE: i64 = 200;
/// Deepest page number accepted (deeper asks are read as this one).
const MAX_PAGE: i64 = 1_000_000;

/// Which slice of a list to show: 1-based page and its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    pub page: i64,
    pub per_page: i64,
}

impl Default for Pagination {
    fn default() -> Self {
        Pagination {
            page: 1,
            per_page: PAGE_SIZE,
        }
    }
}

impl Pagination {
    /// From numbers already read; out-of-range values are brought into range.
    pub fn new(page: Option<i64>, per_page: Option<i64>) -> Pagination {
        Pagination {
            page: page.unwrap_or(1).clamp(1, MAX_PAGE),
            per_page: per_page.unwrap_or(PAGE_SIZE).clamp(1, MAX_PER_PAGE),
        }
    }

    /// From query-string text, leniently: what is not a number is the default (HTML lists, where a
    /// hand-edited address should still show a page).
    pub fn parse(page: Option<&str>, per_page: Option<&str>) -> Pagination {
        let num = |v: Option<&str>| v.and_then(|s| s.trim().parse::<i64>().ok());
        Pagination::new(num(page), num(per_page))
    }

    /// The HTML lists' fixed page size at `page`.
    pub fn html(page: Option<&str>) -> Pagination {
        Pagination::parse(page, None)
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }

    pub fn limit(&self) -> i64 {
        self.per_page
    }
}

/// `?page=&per_page=` as an API list takes them (numbers, or the request is refused with 400).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1-based page number.
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

impl PageQuery {
    pub fn pagination(&self) -> Pagination {
        Pagination::new(self.page, self.per_page)
    }
}

/// One page of a list: its items, how many there are in all, and which page this is. This is the
/// API's list body, and the model HTML lists render with a [`Pager`].
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// Every matching item, or the cap when a list counts no further (see `total_capped`).
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    /// `true` when `total` is a lower bound ("10,000 or more").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub total_capped: bool,
}

impl<T> Paged<T> {
    pub fn new(items: Vec<T>, total: i64, at: Pagination) -> Paged<T> {
        Paged {
            items,
            total,
            page: at.page,
            per_page: at.per_page,
            total_capped: false,
        }
    }

    /// A page whose count stopped at `cap` (the list would cost more to count than to show).
    pub fn capped(items: Vec<T>, counted: i64, cap: i64, at: Pagination) -> Paged<T> {
        let mut paged = Paged::new(items, counted.min(cap), at);
        paged.total_capped = counted > cap;
        paged
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Paged<U> {
        Paged {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            per_page: self.per_page,
            total_capped: self.total_capped,
        }
    }

    /// The pager of this page for the HTML list at `base`, keeping `filters` (a query string
    /// without `page`) in its links.
    pub fn pager(&self, base: &str, filters: &str) -> Pager {
        Pager::new(base, filters, self.page, self.per_page, self.total).capped(self.total_capped)
    }
}

/// Links to the previous and next pages of an HTML list.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    /// The total is a lower bound.
    pub capped: bool,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `filters` is a query string (`status=open&q=x`, already encoded) kept in every link.
    pub fn new(base: &str, filters: &str, page: i64, per_page: i64, total: i64) -> Pager {
        let pages = ((total + per_page - 1) / per_page.max(1)).max(1);
        let link = |p: i64| {
            let mut url = format!("{base}?page={p}");
            if !filters.is_empty() {
                url.push('&');
                url.push_str(filters);
            }
            url
        };
        Pager {
            page,
            pages,
            total,
            capped: false,
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
        }
    }

    fn capped(mut self, capped: bool) -> Pager {
        self.capped = capped;
        self
    }
}

/// `key=value` pairs as a query string, leaving out empty values.
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_clamped_and_links_keep_the_filters() {
        let at = Pagination::parse(Some("0"), Some("9999"));
        assert_eq!(
            at,
            Pagination {
                page: 1,
                per_page: 200
            }
        );
        assert_eq!(Pagination::parse(Some("x"), None).page, 1);
        let p = Paged::new(vec![1, 2], 120, Pagination::new(Some(2), Some(50)));
        let pager = p.pager("/requests", "status=open");
        assert_eq!(pager.pages, 3);
        assert_eq!(pager.prev.as_deref(), Some("/requests?page=1&status=open"));
        assert_eq!(pager.next.as_deref(), Some("/requests?page=3&status=open"));
        assert_eq!(
            query_string([("q", "Hélène x"), ("b", "")]),
            "q=H%C3%A9l%C3%A8ne+x"
        );
    }
}
