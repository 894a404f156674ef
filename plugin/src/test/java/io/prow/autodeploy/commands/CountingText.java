package io.prow.autodeploy.commands;

/** A comment body that counts how many characters the parser reads: linear parsing reads each a few times. */
final class CountingText implements CharSequence {
    private final String text;
    private long reads;

    CountingText(String text) {
        this.text = text;
    }

    long reads() {
        return reads;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        reads++;
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        reads += end - start;
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        reads += text.length();
        return text;
    }
}
