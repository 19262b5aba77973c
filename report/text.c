/*
 * text.c - the report's words in Finnish, Swedish and English, and the
 * way its numbers are written (decimal comma in fi and sv).
 */
#include "report/report_int.h"
#include "util/tz.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

struct text {
	const char *id, *fi, *sv, *en;
};

static const struct text TEXTS[] = {
	{ "title", "Etsivän työn raportti", "Rapport om uppsökande arbete", "Outreach report" },
	{ "subtitle", "Mitä etsivä työ tavoitti ja missä on aukkoja",
	  "Vad det uppsökande arbetet nådde och var luckorna finns",
	  "What the outreach reached, and where the gaps are" },
	{ "team_default", "Etsivä työ", "Uppsökande arbete", "Outreach team" },
	{ "team", "Tiimi", "Team", "Team" },
	{ "period", "Ajanjakso", "Period", "Period" },
	{ "previous", "Edellinen jakso", "Föregående period", "Previous period" },
	{ "area", "Alue", "Område", "Area" },
	{ "partner", "Kumppani", "Partner", "Partner" },
	{ "scope", "Kattaa", "Omfattar", "Covers" },
	{ "whole_team", "koko tiimin työn", "hela teamets arbete", "the whole team's work" },
	{ "made", "Laadittu", "Upprättad", "Made" },
	{ "prev_note", "Suluissa: edellinen yhtä pitkä jakso (%s).",
	  "Inom parentes: föregående period av samma längd (%s).",
	  "In brackets: the previous period of the same length (%s)." },
	{ "sup_note",
	  "Julkaistavaksi turvallinen: alle %d henkilön määrät näytetään muodossa \"< %d\", "
	  "ja merkillä \"×\" on piilotettu vielä yksi solu, jottei \"< %d\" olisi laskettavissa "
	  "saman taulukon summasta tai suhdeluvusta. Käynnit, tunnit ja vuorot ovat tiimin omaa työtä ja "
	  "näytetään sellaisinaan.",
	  "Säker att publicera: antal personer under %d visas som \"< %d\", och med \"×\" "
	  "har ytterligare en cell dolts så att ett \"< %d\" inte kan räknas ut ur summan eller "
	  "kvoten i samma tabell. Besök, timmar och pass är teamets eget arbete och visas som de är.",
	  "Safe to publish: counts of people below %d are shown as \"< %d\", and a cell "
	  "marked \"×\" is hidden as well so that a \"< %d\" cannot be worked out from a total "
	  "or a rate in the same table. Visits, hours and shifts are the team's own work and are shown "
	  "as they are." },
	/* tables and their captions */
	{ "totals", "Luvut", "I siffror", "In numbers" },
	{ "totals_caption",
	  "Kaikki mitä tiimi kirjasi jaksolla: käynnit paikoissa, työtunnit niissä (kaksi "
	  "työntekijää käyntiä kohden), kohdatut ihmiset, heistä uudet ja nimettömät, sekä "
	  "puhelimilla kirjattu ohjaus, saattaminen ja yhteydenotot.",
	  "Allt teamet registrerade under perioden: besök på platser, arbetstimmar där (två "
	  "arbetare per besök), personer som mötts, av dem nya och anonyma, samt vägledning, "
	  "följeslag och kontakter som loggats i telefonerna.",
	  "Everything the team recorded in the period: visits to places, worker-hours there "
	  "(two workers per visit), people met, of them new and anonymous, and the guidance, "
	  "accompanying and contacts logged on the phones." },
	{ "guidance_title", "Ohjaus aiheittain", "Vägledning per ämne", "Guidance by topic" },
	{ "guidance_caption",
	  "Kuinka monta kertaa ihmiset saivat ohjausta kustakin aiheesta, kirjattuna "
	  "puhelimella pysähdyksittäin (sama ihminen voi saada ohjausta useasta aiheesta).",
	  "Hur många gånger personer fick vägledning i varje ämne, loggat i telefonen vid "
	  "varje stopp (samma person kan få vägledning i flera ämnen).",
	  "How many times people got guidance on each topic, as logged on the phone at each "
	  "stop (one person may get guidance on several topics)." },
	{ "kinds", "Paikkatyypeittäin", "Per typ av plats", "By kind of place" },
	{ "kinds_caption",
	  "Missä työ tehtiin: kadut, asemat, päiväkeskukset ja muut paikkatyypit.",
	  "Var arbetet gjordes: gator, stationer, dagcenter och andra typer av platser.",
	  "Where the work happened: streets, stations, day centres and other kinds of place." },
	{ "places", "Paikat, joissa kohdattiin eniten", "Platserna där flest mötts",
	  "Top places" },
	{ "places_caption",
	  "Kymmenen paikkaa, joissa kohdattiin eniten ihmisiä; muut on laskettu yhteen.",
	  "De tio platser där flest personer mötts; resten är summerade på en rad.",
	  "The ten places where most people were met; the rest are added up in one row." },
	{ "partners", "Kumppanien toimipaikat", "Partnernas verksamhetsställen",
	  "Partner venues" },
	{ "partners_caption",
	  "Mitä kunkin kumppanin toimipaikat (ruoka-avut, päiväkeskukset, kohtaamispaikat) "
	  "näkivät työstä.",
	  "Vad varje partners verksamhetsställen (matutdelningar, dagcenter, mötesplatser) "
	  "såg av arbetet där.",
	  "What each partner's venues (food distributions, day centres, meeting points) saw "
	  "of the work there." },
	{ "months", "Kohdatut työtuntia kohden kuukausittain",
	  "Mötta personer per arbetstimme, per månad", "People met per worker-hour, by month" },
	{ "months_caption",
	  "Kuinka monta ihmistä kohdattiin jokaista paikoilla vietettyä työtuntia kohden, ja "
	  "julkaistun suunnitelman työtunnit paikoilla, kun suunnitelma on olemassa.",
	  "Hur många personer som möttes för varje arbetstimme på plats, och de arbetstimmar "
	  "på plats som den publicerade planen hade, när det finns en plan.",
	  "How many people were met for each worker-hour spent at places, and the worker-hours "
	  "at places the published plan had, where there is a plan." },
	{ "commitments", "Sitoumukset kumppaneille", "Åtaganden mot partner",
	  "Partner commitments" },
	{ "commitments_caption",
	  "Kumppaneille luvatut viikoittaiset käynnit: kuinka moni toteutui (pari paikalla "
	  "luvattuna aikana) ja kuinka moni jäi väliin, niistä arkipyhinä.",
	  "De veckovisa besök som lovats partner: hur många som blev av (ett par på plats "
	  "under den utlovade tiden) och hur många som missades, av dem på helgdagar.",
	  "The weekly visits promised to partners: how many took place (a pair at the venue "
	  "during the promised time) and how many were missed, of them on public holidays." },
	{ "cancelled", "Perutut vuorot", "Inställda pass", "Shifts cancelled" },
	{ "cancelled_caption",
	  "Julkaistun suunnitelman vuorot, jotka jäivät pitämättä, syittäin, ja niiden "
	  "työtunnit.",
	  "Pass i den publicerade planen som inte blev av, per orsak, och deras "
	  "arbetstimmar.",
	  "Shifts of the published plan that did not take place, by cause, and their "
	  "worker-hours." },
	{ "presence", "Milloin ihmisiä tavataan ja milloin tiimi on paikalla",
	  "När människor finns och när teamet är där",
	  "When people are found, and when the team is there" },
	{ "presence_caption",
	  "Vasemmalla kohdatut läsnäolotuntia kohden viikonpäivän ja kellonajan mukaan, "
	  "oikealla läsnäolotunnit jaksolla (tummempi on enemmän; tyhjä: ei läsnäoloa).",
	  "Till vänster mötta per närvarotimme efter veckodag och klockslag, till höger "
	  "närvarotimmar under perioden (mörkare är mer; tomt: ingen närvaro).",
	  "Left: people met per hour of presence, by weekday and hour; right: hours of "
	  "presence in the period (darker is more; blank: nobody there)." },
	{ "gaps", "Tunnit, joina ihmisiä odotetaan mutta kukaan ei ole paikalla",
	  "Timmar då människor väntas men ingen är på plats",
	  "Hours when people are expected but nobody is there" },
	{ "gaps_caption",
	  "Kohtaamismallin odotus yhdelle parille parhaassa paikassa niinä tunteina, joina "
	  "tiimistä ei ollut ketään paikalla.",
	  "Mötesmodellens förväntan för ett par på den bästa platsen under de timmar då ingen "
	  "från teamet var på plats.",
	  "The encounter model's expectation for one pair at the best place, in the hours "
	  "when nobody from the team was present." },
	{ "no_gaps", "Ei tällaisia tunteja: tiimi on paikalla aina, kun malli odottaa ihmisiä.",
	  "Inga sådana timmar: teamet är på plats när modellen väntar människor.",
	  "No such hours: the team is present whenever the model expects people." },
	{ "no_model", "Kohtaamismallia ei voitu sovittaa (liian vähän historiaa).",
	  "Mötesmodellen kunde inte anpassas (för lite historik).",
	  "The encounter model could not be fitted (too little history)." },
	{ "no_plan", "Mikään julkaistu suunnitelma ei kata jaksoa: suunniteltuja tunteja ei ole.",
	  "Ingen publicerad plan täcker perioden: det finns inga planerade timmar.",
	  "No published plan covers the period: there are no planned hours." },
	{ "none", "Ei mitään tällä jaksolla.", "Inget under perioden.", "Nothing in the period." },
	{ "gap_line", "%s%s %s: noin %s ihmistä viikossa odotettu, %s tuntia paikalla",
	  "%s%s %s: omkring %s personer i veckan väntas, %s timmar bemannade",
	  "%s%s %s: about %s people a week expected, %s hours staffed" },
	{ "page", "Sivu %d/%d", "Sida %d av %d", "Page %d of %d" },
	/* columns */
	{ "figure", "Luku", "Uppgift", "Figure" },
	{ "this_period", "Tämä jakso", "Denna period", "This period" },
	{ "prev_short", "Edellinen", "Föregående", "Previous" },
	{ "change", "Muutos", "Förändring", "Change" },
	{ "visits", "Käynnit", "Besök", "Visits" },
	{ "worker_hours", "Työtunnit paikoilla", "Arbetstimmar på plats", "Worker-hours at places" },
	{ "people", "Kohdatut", "Mötta personer", "People met" },
	{ "new", "Uudet", "Nya", "New people" },
	{ "anonymous", "Nimettömät", "Anonyma", "Anonymous" },
	{ "share_anonymous", "Nimettömien osuus", "Andel anonyma", "Share anonymous" },
	{ "per_hour", "Kohdatut työtuntia kohden", "Mötta per arbetstimme",
	  "People met per worker-hour" },
	{ "guidance", "Ohjauskerrat", "Vägledningar", "Guidance given" },
	{ "accompanied", "Saatettu palveluun", "Följda till en tjänst", "Accompanied to a service" },
	{ "contacted", "Yhteys palveluun yhdessä", "Kontakt med en tjänst tillsammans",
	  "Contacted a service together" },
	{ "count", "Kertaa", "Gånger", "Times" },
	{ "planned_hours", "Suunnitellut työtunnit", "Planerade arbetstimmar",
	  "Planned worker-hours" },
	{ "occurrences", "Luvattu", "Utlovade", "Promised" },
	{ "kept", "Toteutui", "Blev av", "Kept" },
	{ "missed", "Jäi väliin", "Missade", "Missed" },
	{ "on_holiday", "Niistä arkipyhinä", "Av dem helgdagar", "Of them public holidays" },
	{ "shifts", "Vuorot", "Pass", "Shifts" },
	{ "shift_hours", "Vuorojen työtunnit", "Passens arbetstimmar", "Worker-hours of the shifts" },
	{ "hours_presence", "Läsnäolotunnit", "Närvarotimmar", "Hours of presence" },
	{ "met_per_hour", "Kohdatut läsnäolotuntia kohden", "Mötta per närvarotimme",
	  "People met per hour of presence" },
	{ "total", "Yhteensä", "Totalt", "Total" },
	{ "all", "Kaikki", "Alla", "All" },
	{ "other_places", "Muut paikat ja sijainnit", "Övriga platser och positioner",
	  "Other places and positions" },
	{ "position_only", "Vain sijainti (ei paikkaa)", "Endast position (ingen plats)",
	  "Position only (no place)" },
	{ "all_partners", "Kaikki kumppanien paikat", "Alla partnerställen", "All partner venues" },
	/* kinds of place */
	{ "street", "Katu", "Gata", "Street" },
	{ "park", "Puisto", "Park", "Park" },
	{ "station", "Asema", "Station", "Station" },
	{ "shopping_centre", "Kauppakeskus", "Köpcentrum", "Shopping centre" },
	{ "library", "Kirjasto", "Bibliotek", "Library" },
	{ "church", "Kirkko", "Kyrka", "Church" },
	{ "day_centre", "Päiväkeskus", "Dagcenter", "Day centre" },
	{ "food_distribution", "Ruoka-apu", "Matutdelning", "Food distribution" },
	{ "meeting_point", "Kohtaamispaikka", "Mötesplats", "Meeting point" },
	{ "shelter", "Asuntola", "Härbärge", "Shelter" },
	{ "other", "Muu", "Annat", "Other" },
	/* guidance topics */
	{ "benefits", "Etuudet ja toimeentulo", "Förmåner och inkomst", "Benefits and income" },
	{ "debt", "Velat ja raha-asiat", "Skulder och pengar", "Debt and money" },
	{ "housing", "Asuminen", "Boende", "Housing" },
	{ "home", "Kotona pärjääminen", "Att klara sig hemma", "Coping at home" },
	{ "mental_health", "Mielenterveys", "Psykisk hälsa", "Mental health" },
	{ "substance_use", "Päihteet", "Missbruk", "Substance use" },
	{ "health_services", "Terveyspalvelut", "Hälsotjänster", "Health services" },
	{ "social_services", "Sosiaalipalvelut", "Socialtjänster", "Social services" },
	{ "work_study", "Työ ja opiskelu", "Arbete och studier", "Work and study" },
	/* causes */
	{ "holiday", "Arkipyhät", "Helgdagar", "Public holidays" },
	{ "staff", "Henkilöstön poissaolot", "Personalens frånvaro", "Staff absences" },
	{ "other_cause", "Muut syyt", "Andra orsaker", "Other reasons" },
	/* weekdays (tz_weekday_name ids) and bands */
	{ "Mo", "ma", "mån", "Mon" }, { "Tu", "ti", "tis", "Tue" },
	{ "We", "ke", "ons", "Wed" }, { "Th", "to", "tor", "Thu" },
	{ "Fr", "pe", "fre", "Fri" }, { "Sa", "la", "lör", "Sat" },
	{ "Su", "su", "sön", "Sun" },
	{ "night", "Yöt", "Nätter", "Nights" },
	{ "morning", "Aamut", "Morgnar", "Mornings" },
	{ "afternoon", "Iltapäivät", "Eftermiddagar", "Afternoons" },
	{ "evening", "Illat", "Kvällar", "Evenings" },
	{ "weekend", "Viikonloput", "Helger", "Weekends" },
};

static const char *const MONTHS[3][12] = {
	{ "tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu",
	  "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu" },
	{ "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
	  "september", "oktober", "november", "december" },
	{ "January", "February", "March", "April", "May", "June", "July", "August",
	  "September", "October", "November", "December" },
};

static int lang_ix(const char *lang)
{
	return !strcmp(lang, "sv") ? 1 : !strcmp(lang, "en") ? 2 : 0;
}

const char *report__t(const char *lang, const char *id)
{
	int l = lang_ix(lang);

	for (size_t i = 0; i < sizeof TEXTS / sizeof TEXTS[0]; i++)
		if (!strcmp(TEXTS[i].id, id))
			return l == 0 ? TEXTS[i].fi : l == 1 ? TEXTS[i].sv : TEXTS[i].en;
	return id;
}

void report__month_label(const char *lang, int y, int m, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s %d", MONTHS[lang_ix(lang)][m - 1], y);
}

void report__num(const char *lang, double v, int decimals, char *buf, size_t cap)
{
	char *dot;

	if (fabs(v) < 0.5 * pow(10, -decimals))
		v = 0;	/* no "-0" */
	snprintf(buf, cap, "%.*f", decimals, v);
	dot = strchr(buf, '.');
	if (dot && lang_ix(lang) < 2)
		*dot = ',';
}

void report__fmt(const struct report *r, const struct rpt_col *c, const struct rpt_val *v,
		 char *buf, size_t cap)
{
	if (v->na) {
		snprintf(buf, cap, "–");
		return;
	}
	if (v->sup) {
		if (v->sup == 1)
			snprintf(buf, cap, "< %d", r->min_cell);
		else
			snprintf(buf, cap, "×");
		return;
	}
	switch (c->kind) {
	case RK_HOURS:
		report__num(r->lang, v->v, 1, buf, cap);
		break;
	case RK_RATE:
		report__num(r->lang, v->v, 2, buf, cap);
		break;
	case RK_SHARE:
		report__num(r->lang, v->v, 0, buf, cap);
		strncat(buf, " %", cap - strlen(buf) - 1);
		break;
	default:
		snprintf(buf, cap, "%.0f", v->v);
	}
}

void report__change(const struct report *r, const struct rpt_col *c,
		    const struct rpt_val *cur, const struct rpt_val *prev, char *buf, size_t cap)
{
	double d;

	if (cur->na || prev->na || cur->sup || prev->sup || prev->v <= 0) {
		snprintf(buf, cap, "–");
		return;
	}
	if (c->kind == RK_SHARE) {	/* percentage points */
		d = cur->v - prev->v;
		snprintf(buf, cap, "%+.0f %s", d, lang_ix(r->lang) == 0 ? "%-yks." :
			 lang_ix(r->lang) == 1 ? "%-enh." : "pp");
		return;
	}
	d = (cur->v - prev->v) / prev->v * 100.0;
	snprintf(buf, cap, "%+.0f %%", d);
}

void report__period(const char *lang, int64_t from, int64_t to, char *buf, size_t cap)
{
	int y, m, d, y2, m2, d2;

	tz_civil_from_days(from, &y, &m, &d);
	tz_civil_from_days(to, &y2, &m2, &d2);
	if (lang_ix(lang) == 2)
		snprintf(buf, cap, "%04d-%02d-%02d – %04d-%02d-%02d", y, m, d, y2, m2, d2);
	else
		snprintf(buf, cap, "%d.%d.%d–%d.%d.%d", d, m, y, d2, m2, y2);
}

static const char *band(int h0, int h1)
{
	if (h1 <= 6)
		return "night";
	if (h0 >= 6 && h1 <= 12)
		return "morning";
	if (h0 >= 12 && h1 <= 18)
		return "afternoon";
	if (h0 >= 17)
		return "evening";
	return NULL;
}

void report__gap_text(const struct report *r, const struct rpt_gap *g, char *buf,
		      size_t cap)
{
	const char *b = band(g->h0, g->h1), *l = r->lang;
	char days[32], hours[16], n[16], st[16], word[48] = "";

	if (g->d0 == g->d1)
		snprintf(days, sizeof days, "%s", report__t(l, tz_weekday_name(g->d0)));
	else
		snprintf(days, sizeof days, "%s–%s", report__t(l, tz_weekday_name(g->d0)),
			 report__t(l, tz_weekday_name(g->d1)));
	snprintf(hours, sizeof hours, "%d–%d", g->h0, g->h1);
	if (b)
		snprintf(word, sizeof word, "%s ", report__t(l, b));
	snprintf(n, sizeof n, "%.0f", g->per_week < 1 ? 1 : g->per_week);
	report__num(l, g->staffed, 0, st, sizeof st);
	snprintf(buf, cap, report__t(l, "gap_line"), word, days, hours, n, st);
}

void report__suppression_text(const struct report *r, char *buf, size_t cap)
{
	snprintf(buf, cap, report__t(r->lang, "sup_note"), r->min_cell, r->min_cell,
		 r->min_cell);
}
