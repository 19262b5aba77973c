/*
 * model_math.c - the numerics of the encounter model: haversine distance,
 * the regularized incomplete gamma function and its inverse (Gamma
 * quantiles for the forecast intervals).
 */
#include "planner/model/model_int.h"

#include <float.h>
#include <math.h>

#define EARTH_R 6371008.8

double plan_haversine_m(double lat1, double lon1, double lat2, double lon2)
{
	double r = M_PI / 180.0;
	double dl = (lat2 - lat1) * r, dn = (lon2 - lon1) * r;
	double a = sin(dl / 2) * sin(dl / 2) +
		   cos(lat1 * r) * cos(lat2 * r) * sin(dn / 2) * sin(dn / 2);

	return 2 * EARTH_R * asin(sqrt(a < 1 ? a : 1));
}

/* P(a, x) by its power series; good for x < a + 1. */
static double gamma_p_series(double a, double x)
{
	double sum = 1.0 / a, term = sum, ap = a;

	for (int n = 0; n < 1000; n++) {
		ap += 1;
		term *= x / ap;
		sum += term;
		if (fabs(term) < fabs(sum) * 1e-16)
			break;
	}
	return sum * exp(-x + a * log(x) - lgamma(a));
}

/* Q(a, x) = 1 - P(a, x) by its continued fraction (modified Lentz); good
 * for x >= a + 1. */
static double gamma_q_cf(double a, double x)
{
	double b = x + 1 - a, c = 1 / DBL_MIN, d = 1 / b, h = d;

	for (int i = 1; i < 1000; i++) {
		double an = -i * (i - a), del;

		b += 2;
		d = an * d + b;
		if (fabs(d) < DBL_MIN)
			d = DBL_MIN;
		c = b + an / c;
		if (fabs(c) < DBL_MIN)
			c = DBL_MIN;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-16)
			break;
	}
	return exp(-x + a * log(x) - lgamma(a)) * h;
}

double plan_gamma_p(double a, double x)
{
	if (x <= 0 || a <= 0)
		return 0;
	if (x < a + 1)
		return gamma_p_series(a, x);
	return 1 - gamma_q_cf(a, x);
}

/* Standard normal quantile (Acklam's rational approximation, |rel err|
 * < 1.2e-9): only the starting point of the Newton steps. */
double plan__normal_quantile(double p)
{
	static const double A[] = { -3.969683028665376e+01, 2.209460984245205e+02,
				    -2.759285104469687e+02, 1.383577518672690e+02,
				    -3.066479806614716e+01, 2.506628277459239e+00 };
	static const double B[] = { -5.447609879822406e+01, 1.615858368580409e+02,
				    -1.556989798598866e+02, 6.680131188771972e+01,
				    -1.328068155288572e+01 };
	static const double C[] = { -7.784894002430293e-03, -3.223964580411365e-01,
				    -2.400758277161838e+00, -2.549732539343734e+00,
				    4.374664141464968e+00, 2.938163982698783e+00 };
	static const double D[] = { 7.784695709041462e-03, 3.224671290700398e-01,
				    2.445134137142996e+00, 3.754408661907416e+00 };
	double q, r;

	if (p < 0.02425) {
		q = sqrt(-2 * log(p));
		return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
		       ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
	}
	if (p > 1 - 0.02425)
		return -plan__normal_quantile(1 - p);
	q = p - 0.5;
	r = q * q;
	return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q /
	       (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/* Wilson-Hilferty start; for small a the small-x expansion
 * P(a, x) ~ x^a / Gamma(a + 1). */
static double gamma_inv_start(double a, double p)
{
	double z = plan__normal_quantile(p), t = 1.0 / (9 * a);
	double x = a * pow(1 - t + z * sqrt(t), 3);

	if (a < 1 || x <= 0) {
		double s = exp((log(p) + lgamma(a + 1)) / a);

		if (x <= 0 || s < x)
			x = s;
	}
	return x > 0 ? x : DBL_MIN;
}

/* Newton steps on P(a, x) - p, kept inside a bracket that bisection
 * shrinks whenever a step would leave it. */
double plan_gamma_p_inv(double a, double p)
{
	double lo = 0, hi, x;

	if (p <= 0 || a <= 0)
		return 0;
	if (p >= 1)
		return INFINITY;
	x = gamma_inv_start(a, p);
	hi = x > 1 ? 2 * x : 2;
	while (plan_gamma_p(a, hi) < p)
		hi *= 2;
	for (int i = 0; i < 200; i++) {
		double f = plan_gamma_p(a, x) - p;
		double dens = exp((a - 1) * log(x) - x - lgamma(a));
		double nx;

		if (f > 0)
			hi = x;
		else
			lo = x;
		nx = dens > 0 ? x - f / dens : 0.5 * (lo + hi);
		if (!(nx > lo && nx < hi))
			nx = 0.5 * (lo + hi);
		if (fabs(nx - x) <= 1e-12 * fabs(nx) || hi - lo <= 1e-14 * hi)
			return nx;
		x = nx;
	}
	return x;
}

/* ---- the predictive count: negative binomial ------------------------- */
#define NB_POISSON 1e9	/* sizes beyond this are Poisson */
#define NB_NORMAL 600.0	/* means beyond this: normal approximation */

double plan_pred_size(double mu, double hours, double relvar, double disp)
{
	double m = mu * hours, inv;

	if (!(m > 0))
		return 0;
	/* variance disp m + relvar m^2 = m + m^2 / r */
	inv = (disp > 1 ? disp - 1 : 0) / m + (relvar > 0 ? relvar : 0);
	return inv > 1 / NB_POISSON ? 1 / inv : 0;
}

/* P(Y = 0) and the factor from P(Y = k) to P(Y = k + 1), without k. */
static double nb_p0(double mu, double r)
{
	return r > 0 ? exp(-r * log1p(mu / r)) : exp(-mu);
}

static double nb_step(double mu, double r, int k)
{
	return r > 0 ? (k + r) / (k + 1.0) * (mu / (r + mu)) : mu / (k + 1.0);
}

static double nb_normal_cdf(double mu, double r, double y)
{
	double sd = sqrt(mu + (r > 0 ? mu * mu / r : 0));

	return 0.5 * erfc(-(y + 0.5 - mu) / (sd * M_SQRT2));
}

double plan_nb_cdf(double mu, double r, int y)
{
	double p, sum;

	if (y < 0)
		return 0;
	if (!(mu > 0))
		return 1;
	if (mu > NB_NORMAL)
		return nb_normal_cdf(mu, r, y);
	p = nb_p0(mu, r);
	sum = p;
	for (int k = 0; k < y && sum < 1 - 1e-15; k++) {
		p *= nb_step(mu, r, k);
		sum += p;
	}
	return sum < 1 ? sum : 1;
}

int plan_nb_quantile(double mu, double r, double q)
{
	double p, sum;
	int k = 0;

	if (!(mu > 0) || q <= 0)
		return 0;
	if (mu > NB_NORMAL) {
		double sd = sqrt(mu + (r > 0 ? mu * mu / r : 0));
		int y = (int)floor(mu + sd * plan__normal_quantile(q < 1 ? q : 1 - 1e-12));

		return y > 0 ? y : 0;
	}
	p = nb_p0(mu, r);
	sum = p;
	/* the tail of a very wide NB is long: stop at 1e6 people */
	while (sum < q && k < 1000000) {
		p *= nb_step(mu, r, k);
		sum += p;
		k++;
	}
	return k;
}
