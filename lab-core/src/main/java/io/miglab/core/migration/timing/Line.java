package io.miglab.core.migration.timing;

/**
 * An ordinary least-squares line y = intercept + slope x, with what its intervals need: the residual standard error
 * on {@code points - 2} degrees of freedom, the mean of x and the sum of squares of x about it.
 */
public record Line(double intercept, double slope, double residualSd, double xMean, double sxx, int points) {

    /** Fits y on x; the caller makes sure there are at least two distinct x. */
    static Line fit(double[] x, double[] y) {
        int m = x.length;
        double xMean = 0;
        double yMean = 0;
        for (int i = 0; i < m; i++) {
            xMean += x[i];
            yMean += y[i];
        }
        xMean /= m;
        yMean /= m;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < m; i++) {
            double dx = x[i] - xMean;
            sxx += dx * dx;
            sxy += dx * (y[i] - yMean);
        }
        double slope = sxy / sxx;
        double intercept = yMean - slope * xMean;
        double sse = 0;
        for (int i = 0; i < m; i++) {
            double r = y[i] - (intercept + slope * x[i]);
            sse += r * r;
        }
        double residualSd = m > 2 ? Math.sqrt(sse / (m - 2)) : Double.NaN;
        return new Line(intercept, slope, residualSd, xMean, sxx, m);
    }

    public double predict(double x) {
        return intercept + slope * x;
    }

    /** Degrees of freedom of the residual error. */
    public int degreesOfFreedom() {
        return points - 2;
    }

    public double slopeStandardError() {
        return residualSd / Math.sqrt(sxx);
    }

    /** Half the width of the prediction interval for one new observation at {@code x}, given the t quantile. */
    double predictionHalfWidth(double x, double t) {
        double dx = x - xMean;
        return t * residualSd * Math.sqrt(1 + 1.0 / points + dx * dx / sxx);
    }
}
