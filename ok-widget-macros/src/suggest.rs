//! "Did you mean ...?" for a parameter name a widget does not accept.

/// The candidate closest to `name`, if one is close enough to be a likely typo: within two
/// edits (`st.retrun`, `st.groupid`), or one name's stem containing the other's
/// (`st.return_url` for `st.return`).
pub(crate) fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let stem = |name: &'a str| name.strip_prefix("st.").unwrap_or(name);
    let wanted = name
        .strip_prefix("st.")
        .unwrap_or(name)
        .to_ascii_lowercase();
    candidates
        .into_iter()
        .filter_map(|candidate| {
            let candidate_stem = stem(candidate).to_ascii_lowercase();
            let distance = edit_distance(&wanted, &candidate_stem);
            let contains = candidate_stem.len() >= 4
                && (wanted.contains(&candidate_stem)
                    || candidate_stem.contains(&wanted) && wanted.len() >= 4);
            (distance <= 2 || contains).then_some((distance, candidate))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over chars.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRIENDS: [&str; 10] = [
        "st.autosel",
        "st.comment",
        "st.custom_args",
        "st.nohead",
        "st.popup",
        "st.redirect_uri",
        "st.return",
        "st.state",
        "st.target",
        "st.target_only",
    ];

    #[test]
    fn near_misses_get_a_suggestion() {
        assert_eq!(did_you_mean("st.retrun", FRIENDS), Some("st.return"));
        assert_eq!(did_you_mean("st.return_url", FRIENDS), Some("st.return"));
        assert_eq!(did_you_mean("st.returnUrl", FRIENDS), Some("st.return"));
        assert_eq!(did_you_mean("st.comments", FRIENDS), Some("st.comment"));
        assert_eq!(
            did_you_mean("st.targetonly", FRIENDS),
            Some("st.target_only")
        );
        assert_eq!(
            did_you_mean("st.groupid", ["st.groupId", "st.popup"]),
            Some("st.groupId")
        );
    }

    #[test]
    fn the_issue_s_near_misses_suggest_st_return() {
        // A typo, a field name taken as-is, and OK's own `st.returnUrl` typo (protocol.md §4).
        for near_miss in [
            "st.retrun",
            "return_url",
            "st.return_url",
            "st.returnUrl",
            "st.RETURN",
            "st.retur",
            "return",
        ] {
            assert_eq!(
                did_you_mean(near_miss, FRIENDS),
                Some("st.return"),
                "{near_miss}"
            );
        }
    }

    #[test]
    fn the_closest_candidate_wins() {
        assert_eq!(did_you_mean("st.stat", FRIENDS), Some("st.state"));
        assert_eq!(
            did_you_mean("st.target_onl", FRIENDS),
            Some("st.target_only")
        );
        assert_eq!(did_you_mean("st.targte", FRIENDS), Some("st.target"));
        assert_eq!(
            did_you_mean("st.redirect_url", FRIENDS),
            Some("st.redirect_uri")
        );
        assert_eq!(
            did_you_mean("st.custom_arg", FRIENDS),
            Some("st.custom_args")
        );
    }

    #[test]
    fn attribute_keys_get_a_suggestion_too() {
        let field_keys = ["name", "signed", "required"];
        assert_eq!(did_you_mean("nmae", field_keys), Some("name"));
        assert_eq!(did_you_mean("sign", field_keys), Some("signed"));
        assert_eq!(did_you_mean("require", field_keys), Some("required"));
        assert_eq!(did_you_mean("crat", ["cmd", "crate"]), Some("crate"));
        assert_eq!(did_you_mean("skip", field_keys), None);
    }

    #[test]
    fn unrelated_names_get_none() {
        assert_eq!(did_you_mean("st.banana", FRIENDS), None);
        assert_eq!(did_you_mean("st.x", FRIENDS), None);
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("retrun", "return"), 2);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
