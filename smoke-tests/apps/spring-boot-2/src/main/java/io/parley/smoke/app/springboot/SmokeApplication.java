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
    return registration(new MarkingFilter("X-Filter-Outer"), 1);
  }

  @Bean
  FilterRegistrationBean<Filter> innerFilter() {
    return registration(new MarkingFilter("X-Filter-Inner"), 2);
  }

  private static FilterRegistrationBean<Filter> registration(Filter filter, int order) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/*");
    registration.setOrder(order);
    registration.setAsyncSupported(true);
    return registration;
  }
}
