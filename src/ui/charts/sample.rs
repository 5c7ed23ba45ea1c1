//! Drawing helpers: downsampling (for drawing only; the source data is borrowed, never
//! changed), SVG path strings with gaps, and run-length segments of 5-minute strings.

/// A data point: x (a number or Unix ms) and y (`None` = no data, a gap).
pub type Point = (f64, Option<f64>);

/// Keeps at most the first, minimum and maximum points (in x order) of each of
/// `buckets` equal x ranges, so a line drawn through the result looks like one drawn
/// through `points` at that many pixels. Gaps (`None`) stay gaps. Returns a copy;
/// short inputs are copied unchanged.
pub fn downsample(points: &[Point], buckets: usize) -> Vec<Point> {
    if points.len() <= buckets.saturating_mul(3) || buckets == 0 {
        return points.to_vec();
    }
    let x0 = points.first().map_or(0.0, |p| p.0);
    let x1 = points.last().map_or(0.0, |p| p.0);
    let width = (x1 - x0).max(f64::MIN_POSITIVE);
    let bucket = |x: f64| (((x - x0) / width) * buckets as f64).floor() as i64;
    let mut out = Vec::with_capacity(buckets * 3);
    // The points of the current run (same bucket, no gap): indices of first, min, max.
    let mut run: Option<(i64, [usize; 3])> = None;
    let flush = |run: &mut Option<(i64, [usize; 3])>, out: &mut Vec<Point>| {
        if let Some((_, mut idx)) = run.take() {
            idx.sort_unstable();
            for (k, i) in idx.iter().enumerate() {
                if k == 0 || idx[k - 1] != *i {
                    out.push(points[*i]);
                }
            }
        }
    };
    for (i, p) in points.iter().enumerate() {
        let Some(y) = p.1 else {
            flush(&mut run, &mut out);
            if out.last().is_some_and(|q: &Point| q.1.is_some()) {
                out.push(*p);
            }
            continue;
        };
        let b = bucket(p.0);
        match &mut run {
            Some((rb, idx)) if *rb == b => {
                let val = |j: usize| points[j].1.unwrap_or(y);
                if y < val(idx[1]) {
                    idx[1] = i;
                }
                if y > val(idx[2]) {
                    idx[2] = i;
                }
            }
            _ => {
                flush(&mut run, &mut out);
                run = Some((b, [i; 3]));
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Appends a coordinate with at most one decimal (`12.3`, `40`) to keep paths short.
pub fn num(out: &mut String, v: f64) {
    let s = super::format::fixed(v, 1);
    out.push_str(s.strip_suffix(".0").unwrap_or(&s));
}

/// An SVG path through drawing coordinates; `None` breaks the line (a new `M`
/// subpath starts after every gap). A lone point becomes a dot (`h0`, drawn with
/// round caps).
pub fn line_path(points: impl IntoIterator<Item = Option<(f64, f64)>>) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    let mut lone = false;
    for p in points {
        match p {
            Some((x, y)) => {
                d.push(if pen_down { 'L' } else { 'M' });
                num(&mut d, x);
                d.push(' ');
                num(&mut d, y);
                lone = !pen_down;
                pen_down = true;
            }
            None => {
                if pen_down && lone {
                    d.push_str("h0");
                }
                pen_down = false;
            }
        }
    }
    if pen_down && lone {
        d.push_str("h0");
    }
    d
}

/// Closed areas between an upper and a lower line, one per run without gaps.
pub fn band_path(points: impl IntoIterator<Item = Option<(f64, f64, f64)>>) -> String {
    let mut d = String::new();
    let mut run: Vec<(f64, f64, f64)> = Vec::new();
    let close = |run: &mut Vec<(f64, f64, f64)>, d: &mut String| {
        let lower = run.iter().rev().map(|p| Some((p.0, p.2)));
        if !run.is_empty() {
            let upper = line_path(run.iter().map(|p| Some((p.0, p.1))));
            let lower = line_path(lower).replacen('M', "L", 1);
            d.push_str(upper.trim_end_matches("h0"));
            d.push_str(lower.trim_end_matches("h0"));
            d.push('Z');
        }
        run.clear();
    };
    for p in points {
        match p {
            Some(p) => run.push(p),
            None => close(&mut run, &mut d),
        }
    }
    close(&mut run, &mut d);
    d
}

/// Runs of equal characters: `(character, first index, length)`.
pub fn runs(s: &str) -> Vec<(char, usize, usize)> {
    let mut out: Vec<(char, usize, usize)> = Vec::new();
    for (i, c) in s.chars().enumerate() {
        match out.last_mut() {
            Some(r) if r.0 == c => r.2 += 1,
            _ => out.push((c, i, 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downsampling_keeps_extremes_and_gaps_and_leaves_the_source_alone() {
        let src: Vec<Point> = (0..1000)
            .map(|i| {
                let x = f64::from(i);
                let y = if (400..450).contains(&i) {
                    None
                } else {
                    Some((x / 10.0).sin() * 10.0 + if i == 777 { 50.0 } else { 0.0 })
                };
                (x, y)
            })
            .collect();
        let copy = src.clone();
        let out = downsample(&src, 50);
        assert_eq!(src, copy, "source untouched");
        assert!(out.len() <= 50 * 3 + 2, "{}", out.len());
        assert!(out.len() > 50);
        assert_eq!(out.iter().filter(|p| p.1.is_none()).count(), 1, "one gap");
        assert!(out.iter().any(|p| p.0 == 777.0), "the spike survives");
        assert!(out.windows(2).all(|w| w[0].0 < w[1].0), "x order");
        assert_eq!(downsample(&src[..10], 50), src[..10].to_vec());
    }

    #[test]
    fn line_paths_break_at_gaps() {
        let d = line_path([
            Some((0.0, 1.0)),
            Some((1.25, 2.0)),
            None,
            Some((3.0, 4.0)),
            Some((4.0, 5.0)),
        ]);
        assert_eq!(d, "M0 1L1.3 2M3 4L4 5");
        assert_eq!(
            line_path([Some((0.0, 1.0)), None, Some((2.0, 2.0)), Some((3.0, 2.0))]),
            "M0 1h0M2 2L3 2"
        );
        assert_eq!(line_path([None, None]), "");
    }

    #[test]
    fn band_paths_close_each_run() {
        let d = band_path([
            Some((0.0, 1.0, 5.0)),
            Some((2.0, 2.0, 6.0)),
            None,
            Some((4.0, 1.0, 2.0)),
        ]);
        assert_eq!(d, "M0 1L2 2L2 6L0 5ZM4 1L4 2Z");
    }

    #[test]
    fn runs_merge_equal_neighbours() {
        assert_eq!(
            runs("4422213"),
            vec![('4', 0, 2), ('2', 2, 3), ('1', 5, 1), ('3', 6, 1)]
        );
        assert!(runs("").is_empty());
    }
}
