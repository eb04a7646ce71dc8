-- The logistic fit against R's glm(quasibinomial) on counts of 1e3 to 1e7 a
-- period (test/reference/logistic.csv, made by logistic.R): it converges
-- wherever R's default fit does, in as many iterations, to R's line.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;

CREATE TEMP TABLE ldata (casename text, t float8, a float8, b float8);
\copy ldata FROM 'test/reference/logistic_data.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE lref (casename text, converged bool, iterations int, slope float8, intercept float8,
	parity float8, dispersion float8, deviance float8);
\copy lref FROM 'test/reference/logistic.csv' WITH (FORMAT csv, HEADER true)

CREATE TEMP TABLE ours AS SELECT casename, rivalry_agg(t, a, b) AS r FROM ldata GROUP BY casename;
CREATE TEMP VIEW compared AS
SELECT lref.*, f.converged AS our_converged, f.iterations AS our_iterations, f.slope AS our_slope,
	f.intercept AS our_intercept, f.dispersion AS our_dispersion, f.deviance AS our_deviance,
	parity_point(r, 'logistic') AS our_parity
FROM lref JOIN ours USING (casename), LATERAL fit(r, 'logistic') f;

SELECT plan(10);

SELECT is((SELECT count(*) FROM compared), 36::bigint, '36 cases, counts of 1e3 to 1e7 a period, and one R leaves unconverged');
SELECT is_empty($$ SELECT casename FROM compared WHERE converged AND NOT our_converged $$,
	'every fit R''s default glm() calls converged converges here');
SELECT is_empty($$ SELECT casename, iterations, our_iterations FROM compared WHERE our_iterations <> iterations $$,
	'in the same number of iterations as R''s (same start, same test)');
SELECT is_empty($$ SELECT casename, slope, our_slope FROM compared
	WHERE abs(our_slope / slope - 1) > 1e-12 OR abs(our_intercept / intercept - 1) > 1e-12 $$,
	'slopes and intercepts agree with R''s fully converged fit to 1e-12 relative');
SELECT is_empty($$ SELECT casename, parity, our_parity FROM compared WHERE abs(our_parity - parity) > 1e-12 * greatest(1, abs(parity)) $$,
	'parity agrees to 1e-12');
SELECT is_empty($$ SELECT casename FROM compared
	WHERE abs(our_dispersion / dispersion - 1) > 1e-10 OR abs(our_deviance - deviance) > 1e-8 * greatest(1, deviance) $$,
	'dispersion agrees to 1e-10, deviance (a sum of terms that cancel at 1e7 a period) to 1e-8');
-- the case of the issue: six periods of a million
SELECT ok((SELECT abs(our_slope - 0.25013211350861114) < 1e-13 AND abs(our_parity - 4.3666125965842744) < 1e-12
	FROM compared WHERE casename = 'million'), 'a million a period: slope 0.2501321135086111, parity 4.366612596584274, as R');
-- rows in any order: the same summary, so the same fit (it once came out NULL in 2 of 5 shuffles)
SELECT is((SELECT count(DISTINCT (fit(r, 'logistic'))::text) FROM (
	SELECT k, rivalry_agg(t, a, b) r FROM ldata, generate_series(1, 5) k
	WHERE casename LIKE 'fractional%' GROUP BY k, casename) x), 4::bigint,
	'fractional counts shuffled five ways: one fit per case');
-- complete separation: no maximum likelihood estimate, and fit() says so
SELECT is((SELECT (fit(r, 'logistic')).status || ' / ' || coalesce(parity_point(r, 'logistic')::text, 'no parity')
	FROM (SELECT rivalry_agg(t, a, b) r FROM (VALUES (1, 10.0, 0.0), (2, 20, 0), (3, 0, 15), (4, 0, 30)) v(t, a, b)) x),
	'complete separation: fitted shares of 0 or 1, no maximum likelihood estimate / no parity',
	'complete separation: no parity, and fit() says why');

-- separation R's default fit leaves unconverged after its 25 iterations
SELECT is((SELECT format('%s %s %s %s / %s', converged, iterations, our_converged, our_iterations,
		(fit(r, 'logistic')).status)
	FROM compared JOIN ours USING (casename) WHERE casename = 'not_converged'),
	'f 25 f 25 / the logistic fit did not converge in 25 iterations',
	'where R''s glm() does not converge, neither does this fit, after the same 25 iterations, and fit() says so');

SELECT * FROM finish();
ROLLBACK;
