package org.imdbsentiment.app.reports;

import org.imdbsentiment.data.Sentiment;
import org.imdbsentiment.model.ScoredReview;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The reviews a model gets most confidently wrong: false positives with the highest P(positive) and
 * false negatives with the lowest, ties broken by id, written as Markdown for a person to read.
 */
public record ErrorAnalysis(List<ScoredReview> falsePositives, List<ScoredReview> falseNegatives) {
    static final int EXCERPT_CHARS = 400;

    public static ErrorAnalysis select(List<ScoredReview> scored, int perKind) {
        List<ScoredReview> fp = scored.stream()
                .filter(r -> r.label() == Sentiment.NEGATIVE && r.predicted() == Sentiment.POSITIVE)
                .sorted(Comparator.comparingDouble(ScoredReview::probability).reversed().thenComparing(ScoredReview::id))
                .limit(perKind).toList();
        List<ScoredReview> fn = scored.stream()
                .filter(r -> r.label() == Sentiment.POSITIVE && r.predicted() == Sentiment.NEGATIVE)
                .sorted(Comparator.comparingDouble(ScoredReview::probability).thenComparing(ScoredReview::id))
                .limit(perKind).toList();
        return new ErrorAnalysis(fp, fn);
    }

    public String markdown(String title, Map<String, String> texts) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        md.append("The test reviews this model gets most confidently wrong. P is the model's probability that the ")
                .append("review is positive (positive when P > 0.5). Excerpts are the review's first ")
                .append(EXCERPT_CHARS).append(" characters, line breaks removed.\n\n");
        section(md, "False positives: negative reviews predicted positive, highest P first", falsePositives, texts);
        section(md, "False negatives: positive reviews predicted negative, lowest P first", falseNegatives, texts);
        return md.toString();
    }

    private static void section(StringBuilder md, String heading, List<ScoredReview> reviews, Map<String, String> texts) {
        md.append("## ").append(heading).append("\n\n");
        if (reviews.isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        md.append("| # | review | P(positive) | excerpt |\n|---|---|---|---|\n");
        int i = 1;
        for (ScoredReview r : reviews) {
            md.append("| ").append(i++).append(" | `").append(r.id()).append("` | ")
                    .append(String.format(java.util.Locale.ROOT, "%.4f", r.probability())).append(" | ")
                    .append(excerpt(texts.getOrDefault(r.id(), ""))).append(" |\n");
        }
        md.append('\n');
    }

    public static String excerpt(String text) {
        String flat = text.replaceAll("(?i)<br\\s*/?>", " ").replaceAll("\\s+", " ").strip();
        String cut = flat.length() > EXCERPT_CHARS ? flat.substring(0, EXCERPT_CHARS) + "…" : flat;
        return cut.replace("|", "\\|");
    }
}
