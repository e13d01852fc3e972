#!/usr/bin/env perl
# Doxygen input filter for the Markdown pages in doc/ (see Doxyfile.in).
#
# The pages use the math syntax that GitHub renders: $...$ inline and $$...$$
# for displays. Doxygen does not know it and would read LaTeX commands such
# as \dot or \cite as its own. This filter rewrites
#   $$ ... $$  ->  \f[ ... \f]   (on one line, or $$ alone on its lines)
#   $ ... $    ->  \f$ ... \f$
# and leaves fenced code blocks and `code spans` untouched. Line count is
# preserved, so Doxygen's warnings point at the right lines.
use strict;
use warnings;

my $in_fence   = 0;
my $in_display = 0;

sub convert_text {
  my ($text) = @_;
  # One-line displays first, then a lone $$ that opens or closes one.
  $text =~ s/\$\$(.+?)\$\$/\\f[$1\\f]/g;
  $text =~ s{\$\$}{ $in_display = !$in_display; $in_display ? '\f[' : '\f]' }ge;
  # Inside a display there is no inline math.
  $text =~ s/(?<!\\)\$([^\$\n]+?)(?<!\\)\$/\\f\$$1\\f\$/g unless $in_display;
  return $text;
}

while (my $line = <>) {
  if ($line =~ /^\s*(```|~~~)/) {
    $in_fence = !$in_fence;
    print $line;
    next;
  }
  if ($in_fence) {
    print $line;
    next;
  }
  # Split off `code spans` and convert only the text between them.
  my @parts = split /(`[^`]*`)/, $line;
  print join '', map { /^`/ ? $_ : convert_text($_) } @parts;
}
