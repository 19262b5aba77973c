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
