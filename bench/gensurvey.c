/* gensurvey.c - writes a large, deterministic survey results file for the
 * import benchmark: one id column, five attributes, ten Likert items and
 * three open questions whose answers hold doubled quotes and embedded
 * newlines. The same arguments always give the same bytes.
 *
 * usage: gensurvey ROWS [EMPTY] > survey.csv
 * One open answer in EMPTY is left empty (8 unless given; 0: none is, and
 * every respondent gives three answers). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t gen_state = 0x9E3779B97F4A7C15u;

/* splitmix64: small, fast and the same everywhere. */
static uint64_t gen_next(void)
{
	uint64_t z = (gen_state += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static unsigned gen_below(unsigned n)
{
	return (unsigned)(gen_next() % n);
}

#define COUNT(a) (sizeof (a) / sizeof *(a))

static const char *const nations[] = {
	"Albania", "Belgium", "Bulgaria", "Canada", "Croatia", "Czechia", "Denmark", "Estonia",
	"Finland", "France", "Germany", "Greece", "Hungary", "Italy", "Latvia", "Lithuania",
	"Netherlands", "North Macedonia", "Norway", "Poland", "Portugal", "Romania", "Slovakia",
	"Slovenia", "Spain", "Sweden", "Türkiye", "United Kingdom",
};
static const char *const services[] = {"Army", "Navy", "Air Force", "Joint", "Civilian"};
static const char *const roles[] = {
	"Commander", "Chief of staff", "Operations officer", "Intelligence officer",
	"Legal adviser", "Gender adviser", "Gender focal point", "CIMIC officer",
	"Military police", "Medical officer", "Logistics officer", "Patrol leader",
	"Staff officer", "Interpreter", "Training officer",
};
static const char *const units[] = {
	"Brigade HQ", "Battalion HQ", "Battlegroup", "Company", "Component command",
	"Joint force command", "Training centre", "Military police unit", "CIMIC unit",
};
static const char *const words[] = {
	"civilians", "protection", "children", "armed", "conflict", "patrol", "checkpoint",
	"reporting", "training", "gender", "adviser", "focal", "point", "brigade", "battalion",
	"company", "commander", "staff", "orders", "liaison", "mission", "police", "local",
	"authorities", "women", "girls", "boys", "families", "displaced", "camp", "school",
	"hospital", "market", "village", "route", "convoy", "incident", "report", "template",
	"annex", "format", "chain", "of", "command", "the", "a", "an", "and", "or", "but", "we",
	"our", "they", "their", "it", "was", "were", "is", "are", "not", "never", "always",
	"often", "sometimes", "rarely", "needed", "missing", "late", "slow", "clear", "unclear",
	"useful", "useless", "good", "poor", "better", "worse", "more", "less", "time", "weeks",
	"days", "hours", "before", "after", "during", "deployment", "exercise", "briefing",
	"handover", "rotation", "interpreter", "language", "trust", "information", "sharing",
	"release", "classified", "NGO", "UN", "agency", "child", "protection", "section",
	"trafficking", "sexual", "violence", "survivors", "referral", "pathway", "medical",
	"legal", "cultural", "property", "site", "damage", "map", "no-strike", "list", "targeting",
	"planning", "process", "SOP", "guidance", "policy", "doctrine", "lessons", "learned",
	"with", "without", "from", "to", "in", "on", "at", "by", "for", "about", "because",
	"when", "if", "so", "that", "this", "these", "those", "no", "one", "two", "three",
	"knew", "asked", "told", "wrote", "sent", "waited", "stopped", "searched", "escorted",
	"handed", "over", "detained", "released", "recorded", "forgot", "learned", "trained",
};

static void gen_put_field(FILE *out, const char *s)
{
	fputs(s, out);
}

/* One sentence of 5 to 18 words; sometimes a "quoted" phrase. */
static void gen_sentence(FILE *out)
{
	unsigned n = 5 + gen_below(14);
	unsigned quote_at = gen_below(12) == 0 ? gen_below(n) : n;
	for (unsigned i = 0; i < n; i++) {
		const char *w = words[gen_below(COUNT(words))];
		if (i > 0)
			fputc(' ', out);
		if (i == quote_at)
			fputs("\"\"", out);
		if (i == 0 && w[0] >= 'a' && w[0] <= 'z') {
			fputc(w[0] - 'a' + 'A', out);
			w++;
		}
		fputs(w, out);
		if (i == quote_at)
			fputs("\"\"", out);
	}
	fputc('.', out);
}

/* An open answer: empty (one in empty, none when empty is 0), or one to
 * three sentences, sometimes on separate lines. Always quoted. */
static void gen_answer(FILE *out, unsigned empty)
{
	if (empty > 0 && gen_below(empty) == 0)
		return;
	unsigned n = 1 + gen_below(3);
	fputc('"', out);
	for (unsigned i = 0; i < n; i++) {
		if (i > 0)
			fputs(gen_below(6) == 0 ? "\n" : " ", out);
		gen_sentence(out);
	}
	fputc('"', out);
}

int main(int argc, char **argv)
{
	long rows = argc > 1 ? atol(argv[1]) : 200000;
	long empty = argc > 2 ? atol(argv[2]) : 8;
	if (rows <= 0 || empty < 0) {
		fputs("usage: gensurvey ROWS [EMPTY] > FILE\n", stderr);
		return 2;
	}
	static char buf[1 << 16];
	setvbuf(stdout, buf, _IOFBF, sizeof buf);
	FILE *out = stdout;
	fputs("Respondent ID,Nation,Service,Role,Unit type,Years of service", out);
	for (int q = 1; q <= 10; q++)
		fprintf(out, ",Q%d. How far do you agree with statement %d about the protection of"
		             " civilians in your unit?", q, q);
	fputs(",What worked well?,What should change?,Any other comments?\r\n", out);
	for (long r = 1; r <= rows; r++) {
		fprintf(out, "R%07ld,", r);
		gen_put_field(out, nations[gen_below(COUNT(nations))]);
		fputc(',', out);
		gen_put_field(out, services[gen_below(COUNT(services))]);
		fputc(',', out);
		gen_put_field(out, roles[gen_below(COUNT(roles))]);
		fputc(',', out);
		gen_put_field(out, units[gen_below(COUNT(units))]);
		fprintf(out, ",%u", gen_below(36));
		for (int q = 0; q < 10; q++) {
			unsigned v = gen_below(20);
			/* skewed towards 3 and 4; one in twenty left blank */
			if (v == 0)
				fputc(',', out);
			else
				fprintf(out, ",%u", v < 3 ? 1 : v < 6 ? 2 : v < 11 ? 3 : v < 17 ? 4 : 5);
		}
		for (int a = 0; a < 3; a++) {
			fputc(',', out);
			gen_answer(out, (unsigned)empty);
		}
		fputs("\r\n", out);
	}
	return fflush(out) == 0 ? 0 : 1;
}
