//! Calendar expressions in English news prose, normalised against a reference date.
//!
//! The one place that knows how people write dates: "July 8, 2021", "8 July", "Oct. 20",
//! "2021-07-09", "September 10th, 2021", "on Thursday", "this week", "in March", "in 2018",
//! "earlier this year". Both the corpus reader (publication dates) and the extractor (event and
//! claim dates) use it, so the two can never disagree on what a date looks like.
//!
//! ```
//! use dossier::time::{find_times, Precision, Tense};
//! use jiff::civil::date;
//!
//! let found = find_times("Taliban representatives visited Moscow on July 8.", Some(date(2021, 7, 9)), Tense::Past);
//! assert_eq!(found[0].value.date, date(2021, 7, 8));
//! assert_eq!(found[0].value.precision, Precision::Day);
//! ```

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use regex::{Captures, Regex, RegexSet};

/// How precisely a [`TimeValue`] is known. Coarser values are stored as the first day of the period
/// (a week as its Monday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

impl Precision {
    /// The literal used in the graph (`dos:datePrecision`).
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }

    /// Parses the graph literal back.
    pub fn parse(text: &str) -> Option<Precision> {
        match text {
            "day" => Some(Precision::Day),
            "week" => Some(Precision::Week),
            "month" => Some(Precision::Month),
            "year" => Some(Precision::Year),
            _ => None,
        }
    }
}

/// A normalised point in time: the first day of the period and its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeValue {
    pub date: Date,
    pub precision: Precision,
}

impl TimeValue {
    /// A value known to the day.
    pub fn day(date: Date) -> TimeValue {
        TimeValue { date, precision: Precision::Day }
    }

    /// Whether `other` falls in the period this value denotes.
    pub fn contains(&self, other: Date) -> bool {
        match self.precision {
            Precision::Day => self.date == other,
            Precision::Week => {
                let end = self.date.saturating_add(6.days());
                self.date <= other && other <= end
            }
            Precision::Month => self.date.year() == other.year() && self.date.month() == other.month(),
            Precision::Year => self.date.year() == other.year(),
        }
    }
}

impl fmt::Display for TimeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Day => write!(f, "{}", self.date),
            Precision::Week => write!(f, "week of {}", self.date),
            Precision::Month => write!(f, "{:04}-{:02}", self.date.year(), self.date.month()),
            Precision::Year => write!(f, "{:04}", self.date.year()),
        }
    }
}

/// Whether the surrounding clause speaks of the past or the future; it decides which "Thursday"
/// or which "March" is meant when the text does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
}

/// A time expression found in a text: its byte range and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    pub range: Range<usize>,
    pub value: TimeValue,
}

const MONTH: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

/// One rule of the date grammar: a pattern and how to read its captures.
struct Rule {
    pattern: Regex,
    read: fn(&Captures, Option<Date>, Tense) -> Option<TimeValue>,
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let rule = |pattern: String, read: fn(&Captures, Option<Date>, Tense) -> Option<TimeValue>| Rule {
        pattern: Regex::new(&crate::lexicon::ascii_word_boundaries(&pattern)).expect("date pattern compiles"),
        read,
    };
    vec![
        // 2021-07-09
        rule(r"\b(\d{4})-(\d{2})-(\d{2})(?:T|\b)".into(), |c, _, _| {
            let date = Date::new(num(c, 1)?, num(c, 2)?, num(c, 3)?).ok()?;
            Some(TimeValue::day(date))
        }),
        // July 8, 2021 / Oct. 20 / September 10th, 2021
        rule(format!(r"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"), |c, anchor, tense| {
            let month = month_number(c.get(1)?.as_str())?;
            let day: i8 = num(c, 2)?;
            day_in_year(c.get(3).and_then(|y| y.as_str().parse().ok()), month, day, anchor, tense)
        }),
        // 8 July 2021 / 20 October / 15th of August
        rule(
            format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})(?:,?\s+(\d{{4}})\b)?"),
            |c, anchor, tense| {
                let month = month_number(c.get(2)?.as_str())?;
                let day: i8 = num(c, 1)?;
                day_in_year(c.get(3).and_then(|y| y.as_str().parse().ok()), month, day, anchor, tense)
            },
        ),
        // March 2021 / in July 2021
        rule(format!(r"\b({MONTH})\s+(\d{{4}})\b"), |c, _, _| {
            let month = month_number(c.get(1)?.as_str())?;
            let date = Date::new(num(c, 2)?, month, 1).ok()?;
            Some(TimeValue { date, precision: Precision::Month })
        }),
        // in March / since early July / by late August
        rule(
            format!(r"(?i:\b(?:in|since|by|during|until|from|through)\s+(?:early\s+|late\s+|mid-?)?)({MONTH})\b"),
            |c, anchor, tense| {
                let month = month_number(c.get(1)?.as_str())?;
                let anchor = anchor?;
                let mut year = anchor.year();
                let month_start = Date::new(year, month, 1).ok()?;
                if tense == Tense::Past && month_start > anchor {
                    year -= 1;
                } else if tense == Tense::Future && month < anchor.month() {
                    year += 1;
                }
                Some(TimeValue { date: Date::new(year, month, 1).ok()?, precision: Precision::Month })
            },
        ),
        // in 2018 / back in 2000 / since 2001 / 2021's
        rule(r"(?i:\b(?:in|since|back in|by|during|until|from|of)\s+)((?:19|20)\d{2})\b".into(), |c, _, _| {
            let date = Date::new(num(c, 1)?, 1, 1).ok()?;
            Some(TimeValue { date, precision: Precision::Year })
        }),
        // on Thursday / last Friday / next Monday
        rule(format!(r"(?i:\b(on|last|this|next|since)\s+)?\b({WEEKDAY})\b"), |c, anchor, tense| {
            let anchor = anchor?;
            let wanted = weekday(c.get(2)?.as_str())?;
            let offset = |from: Weekday, to: Weekday| {
                i64::from((to.to_monday_zero_offset() - from.to_monday_zero_offset() + 7) % 7)
            };
            let modifier = c.get(1).map(|m| m.as_str().to_ascii_lowercase());
            let future = match modifier.as_deref() {
                Some("next") => true,
                Some("last") | Some("since") => false,
                _ => tense == Tense::Future,
            };
            let date = if future {
                anchor.checked_add(offset(anchor.weekday(), wanted).days()).ok()?
            } else {
                anchor.checked_sub(offset(wanted, anchor.weekday()).days()).ok()?
            };
            Some(TimeValue::day(date))
        }),
        // this week / earlier this week / last week / next week
        rule(r"(?i)\b(?:(?:earlier|later)\s+)?(this|last|next|past)\s+(week|month|year)\b".into(), |c, anchor, _| {
            let anchor = anchor?;
            let which = c.get(1)?.as_str().to_ascii_lowercase();
            let shift: i64 = match which.as_str() {
                "last" | "past" => -1,
                "next" => 1,
                _ => 0,
            };
            match c.get(2)?.as_str().to_ascii_lowercase().as_str() {
                "week" => {
                    let monday = anchor.checked_sub(i64::from(anchor.weekday().to_monday_zero_offset()).days()).ok()?;
                    let date = monday.checked_add((7 * shift).days()).ok()?;
                    Some(TimeValue { date, precision: Precision::Week })
                }
                "month" => {
                    let date = anchor.first_of_month().checked_add(shift.months()).ok()?;
                    Some(TimeValue { date, precision: Precision::Month })
                }
                _ => {
                    let date = Date::new(anchor.year() + shift as i16, 1, 1).ok()?;
                    Some(TimeValue { date, precision: Precision::Year })
                }
            }
        }),
        // today / yesterday / tomorrow
        rule(r"(?i)\b(today|yesterday|tomorrow)\b".into(), |c, anchor, _| {
            let anchor = anchor?;
            let date = match c.get(1)?.as_str().to_ascii_lowercase().as_str() {
                "yesterday" => anchor.yesterday().ok()?,
                "tomorrow" => anchor.tomorrow().ok()?,
                _ => anchor,
            };
            Some(TimeValue::day(date))
        }),
    ]
});

/// All rule patterns in one set, to skip the rules that cannot match a text.
static RULE_SET: LazyLock<RegexSet> =
    LazyLock::new(|| RegexSet::new(RULES.iter().map(|r| r.pattern.as_str())).expect("date patterns compile"));

fn num<T: std::str::FromStr>(captures: &Captures, group: usize) -> Option<T> {
    captures.get(group)?.as_str().parse().ok()
}

/// Month number of an English month name or abbreviation ("Sept.", "October").
pub fn month_number(name: &str) -> Option<i8> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    const NAMES: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let prefix = lower.get(..3)?;
    NAMES.iter().position(|m| *m == prefix).map(|index| index as i8 + 1)
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name.to_ascii_lowercase().get(..3)? {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// A day of a month whose year may be missing: the year is taken from the anchor, moved back for
/// a past-tense clause that would otherwise land after the anchor, forward for a future one.
fn day_in_year(year: Option<i16>, month: i8, day: i8, anchor: Option<Date>, tense: Tense) -> Option<TimeValue> {
    if let Some(year) = year {
        return Date::new(year, month, day).ok().map(TimeValue::day);
    }
    let anchor = anchor?;
    let mut date = Date::new(anchor.year(), month, day).ok()?;
    // News mentions coming dates in past-tense sentences too ("talks set for October 20"):
    // only a date well after the anchor is last year's.
    if tense == Tense::Past && date > anchor.checked_add(60.days()).ok()? {
        date = Date::new(anchor.year() - 1, month, day).ok()?;
    } else if tense == Tense::Future && date < anchor.checked_sub(7.days()).ok()? {
        date = Date::new(anchor.year() + 1, month, day).ok()?;
    }
    Some(TimeValue::day(date))
}

/// Every time expression in `text`, resolved against `anchor` (usually the publication date).
///
/// Expressions that need an anchor ("on Thursday", "in March") are left out when there is none:
/// no date is better than a guessed one. Overlapping matches keep the longest, so "July 8, 2021"
/// is one expression, not "July 8" and "2021".
pub fn find_times(text: &str, anchor: Option<Date>, tense: Tense) -> Vec<TimeMention> {
    let [found] = find_times_in_tenses(text, anchor, [tense]);
    found
}

/// [`find_times`] for several tenses at once: the text is searched once, each expression read
/// in each tense. `find_times_in_tenses(text, anchor, [a, b])` equals
/// `[find_times(text, anchor, a), find_times(text, anchor, b)]`.
///
/// ```
/// use dossier::time::{find_times_in_tenses, Tense};
/// let friday = jiff::civil::date(2021, 7, 9);
/// let [past, future] = find_times_in_tenses("talks on Monday", Some(friday), [Tense::Past, Tense::Future]);
/// assert_eq!(past[0].value.date, jiff::civil::date(2021, 7, 5));
/// assert_eq!(future[0].value.date, jiff::civil::date(2021, 7, 12));
/// ```
pub fn find_times_in_tenses<const N: usize>(
    text: &str,
    anchor: Option<Date>,
    tenses: [Tense; N],
) -> [Vec<TimeMention>; N] {
    let mut found: [Vec<TimeMention>; N] = std::array::from_fn(|_| Vec::new());
    // One pass tells which rules match at all; most sentences hold no time expression.
    let matching = RULE_SET.matches(text);
    if !matching.matched_any() {
        return found;
    }
    for (_, rule) in RULES.iter().enumerate().filter(|(i, _)| matching.matched(*i)) {
        for captures in rule.pattern.captures_iter(text) {
            let whole = captures.get(0).expect("group 0 always matches");
            for (found, tense) in found.iter_mut().zip(tenses) {
                if let Some(value) = (rule.read)(&captures, anchor, tense) {
                    found.push(TimeMention { range: whole.range(), value });
                }
            }
        }
    }
    found.map(longest_without_overlaps)
}

/// Longest first, then earliest; drops anything overlapping a kept expression. Sorted by start.
fn longest_without_overlaps(mut found: Vec<TimeMention>) -> Vec<TimeMention> {
    found.sort_by_key(|m| (std::cmp::Reverse(m.range.len()), m.range.start));
    let mut kept: Vec<TimeMention> = Vec::new();
    for candidate in found {
        if kept.iter().all(|k| k.range.end <= candidate.range.start || candidate.range.end <= k.range.start) {
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|m| m.range.start);
    kept
}

/// Parses a stand-alone date as written in a dateline or metadata ("July 9, 2021",
/// "September 10th, 2021", "2021-07-09", "07 October 2021"). Needs a year.
pub fn parse_date(text: &str) -> Option<Date> {
    find_times(text, None, Tense::Past).into_iter().find(|m| m.value.precision == Precision::Day).map(|m| m.value.date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn one(text: &str, anchor: Date, tense: Tense) -> (String, TimeValue) {
        let found = find_times(text, Some(anchor), tense);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        (text[found[0].range.clone()].to_string(), found[0].value)
    }

    #[test]
    fn absolute_dates_in_common_layouts() {
        let anchor = date(2021, 10, 8);
        for (text, want) in [
            ("on July 8, 2021, the", date(2021, 7, 8)),
            ("Updated September 10th, 2021 at 13:24 IST", date(2021, 9, 10)),
            ("October 07, 2021 09:31 pm", date(2021, 10, 7)),
            ("date 2021-07-09 By Radio Azadi", date(2021, 7, 9)),
            ("talks on 20 October", date(2021, 10, 20)),
            ("talks on Oct. 20", date(2021, 10, 20)),
            ("since 15 August", date(2021, 8, 15)),
        ] {
            let (_, value) = one(text, anchor, Tense::Past);
            assert_eq!(value, TimeValue::day(want), "{text}");
        }
    }

    #[test]
    fn relative_expressions_follow_the_anchor() {
        let friday = date(2021, 7, 9);
        assert_eq!(
            one("Tajikistan this week announced", friday, Tense::Past).1,
            TimeValue { date: date(2021, 7, 5), precision: Precision::Week }
        );
        assert_eq!(one("said on Thursday", date(2021, 10, 7), Tense::Past).1, TimeValue::day(date(2021, 10, 7)));
        assert_eq!(one("said on Thursday", friday, Tense::Past).1, TimeValue::day(date(2021, 7, 8)));
        assert_eq!(one("will meet on Monday", friday, Tense::Future).1, TimeValue::day(date(2021, 7, 12)));
        assert_eq!(
            one("a conference in March", date(2021, 10, 7), Tense::Past).1,
            TimeValue { date: date(2021, 3, 1), precision: Precision::Month }
        );
        assert_eq!(
            one("a conference in December", date(2021, 10, 7), Tense::Past).1,
            TimeValue { date: date(2020, 12, 1), precision: Precision::Month }
        );
        assert_eq!(
            one("In 2018 as well", friday, Tense::Past).1,
            TimeValue { date: date(2018, 1, 1), precision: Precision::Year }
        );
        assert_eq!(
            one("most recently in July 2021", friday, Tense::Past),
            ("July 2021".into(), TimeValue { date: date(2021, 7, 1), precision: Precision::Month })
        );
        assert_eq!(
            one("Earlier this year, Russia", friday, Tense::Past).1,
            TimeValue { date: date(2021, 1, 1), precision: Precision::Year }
        );
    }

    #[test]
    fn year_of_a_bare_day_depends_on_tense() {
        let anchor = date(2021, 10, 8);
        assert_eq!(one("hold talks on October 20", anchor, Tense::Future).1.date, date(2021, 10, 20));
        assert_eq!(one("it happened on December 20", anchor, Tense::Past).1.date, date(2020, 12, 20));
        assert_eq!(one("it will happen on January 3", anchor, Tense::Future).1.date, date(2022, 1, 3));
    }

    #[test]
    fn no_anchor_no_guess() {
        assert!(find_times("on Thursday in March", None, Tense::Past).is_empty());
        assert_eq!(parse_date("July 9, 2021"), Some(date(2021, 7, 9)));
        assert_eq!(parse_date("2021-10-07T10:00:00Z"), Some(date(2021, 10, 7)));
        assert_eq!(parse_date("no date here"), None);
    }

    #[test]
    fn months_are_not_found_inside_words() {
        assert!(find_times("Mayor Marchand decided", Some(date(2021, 1, 1)), Tense::Past).is_empty());
    }
}
