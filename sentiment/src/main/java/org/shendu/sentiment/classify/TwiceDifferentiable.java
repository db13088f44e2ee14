package org.shendu.sentiment.classify;

/**
 * A smooth convex function for {@link TrustRegionNewton}: its value, gradient and Hessian-vector
 * products. {@link #value} is always called first at a point; {@link #gradient} and
 * {@link #hessianTimes} then refer to that same point, so an implementation may keep what the
 * value computed (margins, curvature weights).
 */
interface TwiceDifferentiable {

    int dimension();

    /** f(w); remembers w for the next calls. */
    double value(double[] w);

    /** The gradient at the point of the last {@link #value} call. */
    void gradient(double[] out);

    /** H v at the point of the last {@link #gradient} call. */
    void hessianTimes(double[] v, double[] out);

    /** The diagonal of H at the point of the last {@link #gradient} call. */
    void hessianDiagonal(double[] out);
}
