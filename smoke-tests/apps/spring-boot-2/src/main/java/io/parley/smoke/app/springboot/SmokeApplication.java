package io.parley.smoke.app.springboot;

import javax.servlet.Filter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/** A plain Spring Boot 2.7 web application (embedded Tomcat 9, javax.servlet) that knows nothing about Parley. */
@SpringBootApplication
public class SmokeApplication {

  public static void main(String[] args) {
    SpringApplication.run(SmokeApplication.class, args);
  }

  @Bean
  FilterRegistrationBean<Filter> outerFilter() {
    return registration(new MarkingFilter("X-Filter-Outer"), "outerFilter", 1);
  }

  @Bean
  FilterRegistrationBean<Filter> innerFilter() {
    return registration(new MarkingFilter("X-Filter-Inner"), "innerFilter", 2);
  }

  /** Named: Spring Boot 2 names a registration after its filter's class, and skips a second one. */
  private static FilterRegistrationBean<Filter> registration(Filter filter, String name, int order) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
    registration.setName(name);
    registration.addUrlPatterns("/*");
    registration.setOrder(order);
    registration.setAsyncSupported(true);
    return registration;
  }
}
