-- ratio_change(before, after): after / before - 1

-- job listings TensorFlow:PyTorch 3x, ten months later 2x: -1/3
SELECT ratio_change(3, 2) AS change, ratio_change(3, 2) = 2.0 / 3.0 - 1 AS exact;
-- as a monthly rate over the ten months: (2/3)^(1/10) - 1 = -3.97 %
SELECT round(((1 + ratio_change(3, 2)) ^ (1.0 / 10) - 1)::numeric, 6) AS per_month;
SELECT ratio_change(74, 166) AS growth, ratio_change(5, 5) AS none, ratio_change(5, 0) AS gone;
SELECT ratio_change(NULL, 1) IS NULL AS strict;

-- bad input
SELECT ratio_change(0, 2);
SELECT ratio_change(-3, 2);
SELECT ratio_change(3, -2);
SELECT ratio_change('NaN', 2);
SELECT ratio_change(3, 'Infinity');
SELECT ratio_change(1e-300, 1e300);
